#!/usr/bin/env bash
echo SKIP: not written yet; exit 77
