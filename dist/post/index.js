import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-TD4SKP37.js";import"../chunks/chunk-DDH5ETYE.js";import{ha as o}from"../chunks/chunk-VG7HFNE2.js";import"../chunks/chunk-2POAED2S.js";await o(m);
