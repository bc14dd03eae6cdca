import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);
import{b as m}from"../chunks/chunk-BNMXDCKG.js";import"../chunks/chunk-UHWV6WDU.js";import{ia as o}from"../chunks/chunk-WBGZOLHZ.js";import"../chunks/chunk-2POAED2S.js";await o(m);
