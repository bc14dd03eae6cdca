import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-3Z7CXKWS.js";import"../chunks/chunk-DKPBUKUU.js";import{ia as o}from"../chunks/chunk-RPVRO534.js";import"../chunks/chunk-2POAED2S.js";await o(m);
