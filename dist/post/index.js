import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-6EKW4PIB.js";import"../chunks/chunk-AOIAD766.js";import{fa as o}from"../chunks/chunk-S5WNH7FT.js";import"../chunks/chunk-X64SFW4D.js";await o(m);
