import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-LHT4OGKL.js";import"../chunks/chunk-RGBC3WOY.js";import{fa as o}from"../chunks/chunk-QYQQVNPU.js";import"../chunks/chunk-X64SFW4D.js";await o(m);
