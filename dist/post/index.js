import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-LXPZ22NG.js";import"../chunks/chunk-77K3TOJ5.js";import{ga as o}from"../chunks/chunk-GBWEISS2.js";import"../chunks/chunk-J3O4U3ZQ.js";await o(m);
