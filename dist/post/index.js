import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-2EEN3PMW.js";import"../chunks/chunk-VR7BWPIQ.js";import{ka as o}from"../chunks/chunk-RVBOS46H.js";import"../chunks/chunk-2POAED2S.js";await o(m);
