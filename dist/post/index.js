import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-GW2VGD54.js";import"../chunks/chunk-K4CLLIS3.js";import{ga as o}from"../chunks/chunk-OFCRCBHS.js";import"../chunks/chunk-MCMCVFMW.js";await o(m);
