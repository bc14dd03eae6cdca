import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-UTB3QN4S.js";import"../chunks/chunk-PANES6FA.js";import{ga as o}from"../chunks/chunk-7CHDQO6Q.js";import"../chunks/chunk-MCMCVFMW.js";await o(m);
