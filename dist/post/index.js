import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-36KSDVIF.js";import"../chunks/chunk-CJBVRP7U.js";import{fa as o}from"../chunks/chunk-FHYILVIY.js";import"../chunks/chunk-X64SFW4D.js";await o(m);
