import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-QF7T2HUQ.js";import"../chunks/chunk-45VIOIO5.js";import{ga as o}from"../chunks/chunk-5MVV22G4.js";import"../chunks/chunk-J3O4U3ZQ.js";await o(m);
