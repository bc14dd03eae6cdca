import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-BTCZEC5Z.js";import"../chunks/chunk-7U7LGLFE.js";import{$ as o}from"../chunks/chunk-TYXY5PDH.js";import"../chunks/chunk-GZXAIRW6.js";await o(m);
