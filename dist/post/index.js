import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-2EDADDW6.js";import"../chunks/chunk-CP5MPE6D.js";import{ia as o}from"../chunks/chunk-4GL7TCSC.js";import"../chunks/chunk-2POAED2S.js";await o(m);
