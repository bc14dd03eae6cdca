import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-JI6WTNZC.js";import"../chunks/chunk-Z23Q7UAX.js";import{ia as o}from"../chunks/chunk-6JJYCUM6.js";import"../chunks/chunk-2POAED2S.js";await o(m);
