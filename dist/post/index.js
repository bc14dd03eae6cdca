import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-GEQYFA73.js";import"../chunks/chunk-66BRIRVW.js";import{fa as o}from"../chunks/chunk-37EFS66U.js";import"../chunks/chunk-MKSVLGTI.js";await o(m);
