import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-ACBXM67G.js";import"../chunks/chunk-6ABWHSOF.js";import{ha as o}from"../chunks/chunk-56NU626R.js";import"../chunks/chunk-2POAED2S.js";await o(m);
