import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkHeader, type HeaderCheckInput } from '../../../server/src/headers/check-header';
import { defaultHeaderPolicy } from '../../../server/src/policy/default-policy';
import type { HeaderPolicy } from '../../../server/src/policy/policy-types';
import { applyOffsetEdits } from '../../../server/src/text/text-edit';

const policy: HeaderPolicy = { ...defaultHeaderPolicy('Apache-2.0'), include: ['**/*'], exclude: [], copyrightHolder: 'Acme Inc.' };
const now = new Date('2026-06-01T12:00:00Z');
const FILES = ['a.ts', 'a.py', 'run.sh', 'a.go', 'a.css', 'a.html', 'a.xml', 'a.md', 'a.php', 'Dockerfile', 'a.bat', 'a.c', 'a.rs', 'a.sql', 'a.lua', 'a.vue', 'Makefile'];

function check(file: string, text: string): ReturnType<typeof checkHeader> {
  const input: HeaderCheckInput = { path: `/w/${file}`, relativePath: file, text, policy, now };
  return checkHeader(input);
}

/** Applies each finding's preferred fix at once, as "Fix all" does. */
function fix(file: string, text: string): string {
  const edits = check(file, text).flatMap((finding) => {
    const preferred = finding.fixes.find((f) => f.kind === 'edit' && f.preferred);
    return preferred && preferred.kind === 'edit' ? preferred.edits.flatMap((e) => e.edits) : [];
  });
  return edits.length ? applyOffsetEdits(text, edits) : text;
}

/** Source-like text with the lines that trip header engines: prologs, shebangs, old headers, odd line ends. */
const line = fc.oneof(
  fc.constantFrom('#!/bin/sh', '<?xml version="1.0"?>', '<!DOCTYPE html>', '<?php', '---', '# -*- coding: latin-1 -*-', '//go:build linux', '@echo off', '# syntax=docker/dockerfile:1'),
  fc.constantFrom('// SPDX-License-Identifier: MIT', '# SPDX-License-Identifier: Apache-2.0', '/* SPDX-FileCopyrightText: 2020 Old */', '<!-- SPDX-License-Identifier: GPL-2.0-only -->', 'SPDX-License-Identifier: (MIT', '// Copyright 2019 Someone'),
  fc.constantFrom('/*', '*/', '<!--', '-->', '"""', "'''", '', ' ', 'x = 1', 'package a', '\ufeff', '\u2028'),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
const eol = fc.constantFrom('\n', '\r\n', '\r');
const sourceText = fc.tuple(fc.array(line, { maxLength: 8 }), eol, fc.boolean()).map(([lines, nl, bom]) => (bom ? '\ufeff' : '') + lines.join(nl));

describe('header engine properties on hostile text', () => {
  it('any text: checking returns findings, never throws, with ranges inside the text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FILES), fc.oneof(sourceText, fc.string({ unit: 'binary', maxLength: 400 })), (file, text) => {
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const finding of check(file, text)) assert.ok(finding.range.start.line >= 0 && finding.range.end.line <= lineCount, JSON.stringify(finding.range));
      }),
      { numRuns: 1000, seed: 11 },
    );
  });

  it('a fixed file has no missing-header finding, and fixing it again (all fixes at once) changes nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FILES), sourceText, (file, text) => {
        const once = fix(file, text);
        if (once === text) return;
        assert.ok(!check(file, once).some((f) => f.code === 'header-missing'), `${file}: ${JSON.stringify(once)}`);
        assert.equal(fix(file, once), once, `${file}: ${JSON.stringify(once)}`);
      }),
      { numRuns: 1000, seed: 11 },
    );
  });
});
