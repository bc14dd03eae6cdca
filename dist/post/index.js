import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-HS2VDD2H.js";import"../chunks/chunk-KYHH637W.js";import{ha as o}from"../chunks/chunk-M3MVLQOR.js";import"../chunks/chunk-MCMCVFMW.js";await o(m);
