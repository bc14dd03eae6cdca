import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-VTFET2R7.js";import"../chunks/chunk-THJZSO2J.js";import{ga as o}from"../chunks/chunk-CHFCVPC5.js";import"../chunks/chunk-MCMCVFMW.js";await o(m);
