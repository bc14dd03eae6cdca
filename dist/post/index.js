import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-IIAWPXQT.js";import"../chunks/chunk-L5RHPPSP.js";import{fa as o}from"../chunks/chunk-ZVEG4Q6G.js";import"../chunks/chunk-X64SFW4D.js";await o(m);
