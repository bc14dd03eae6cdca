import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-DNFEXWFI.js";import"../chunks/chunk-4T44RFIT.js";import{ga as o}from"../chunks/chunk-2R5XA3BH.js";import"../chunks/chunk-J3O4U3ZQ.js";await o(m);
