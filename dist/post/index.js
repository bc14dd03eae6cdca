import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-RT55DN57.js";import"../chunks/chunk-RF6ZZM5Y.js";import{ga as o}from"../chunks/chunk-IWQIYUDK.js";import"../chunks/chunk-MKSVLGTI.js";await o(m);
