import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-6E3XTAHK.js";import"../chunks/chunk-K5YTBCZT.js";import{ga as o}from"../chunks/chunk-KWPK2YRO.js";import"../chunks/chunk-MCMCVFMW.js";await o(m);
