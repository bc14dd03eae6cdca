import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-DP5PM46Q.js";import"../chunks/chunk-HHMX45JV.js";import{ia as o}from"../chunks/chunk-22FGEI2X.js";import"../chunks/chunk-2POAED2S.js";await o(m);
