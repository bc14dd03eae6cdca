import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-GHBVZUUI.js";import"../chunks/chunk-HCXLJYOT.js";import{ga as o}from"../chunks/chunk-AVG3KRGE.js";import"../chunks/chunk-X64SFW4D.js";await o(m);
