import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-2F5TGYJK.js";import"../chunks/chunk-45K5CO2G.js";import{ia as o}from"../chunks/chunk-6JJYCUM6.js";import"../chunks/chunk-2POAED2S.js";await o(m);
