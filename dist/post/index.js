import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-UZVDV3JO.js";import"../chunks/chunk-QVYIM6WR.js";import{ha as o}from"../chunks/chunk-W5VHOT4X.js";import"../chunks/chunk-2POAED2S.js";await o(m);
