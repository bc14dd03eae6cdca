import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-LZBZ4QIG.js";import"../chunks/chunk-64CHKLIM.js";import{$ as o}from"../chunks/chunk-HGAB7YZR.js";import"../chunks/chunk-X64SFW4D.js";await o(m);
