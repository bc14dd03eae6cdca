import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-CEOAL3IO.js";import"../chunks/chunk-N65FNPL6.js";import{ga as o}from"../chunks/chunk-4OH7PLUY.js";import"../chunks/chunk-MCMCVFMW.js";await o(m);
