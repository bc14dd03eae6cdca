import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-XZCRUUSN.js";import"../chunks/chunk-UMA5LV74.js";import{$ as o}from"../chunks/chunk-WYAGRJWY.js";import"../chunks/chunk-X64SFW4D.js";await o(m);
