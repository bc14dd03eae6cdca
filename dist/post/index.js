import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-HZ3QZYMD.js";import"../chunks/chunk-GV7RWDK2.js";import{ga as o}from"../chunks/chunk-4NRNT2TG.js";import"../chunks/chunk-MCMCVFMW.js";await o(m);
