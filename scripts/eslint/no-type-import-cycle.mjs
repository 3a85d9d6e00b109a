// An ESLint rule for the import cycles import-x/no-cycle lets through: those closed by a type-only import.
// A type imported in a circle still ties two modules together, so it belongs in the lower of the two.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Per file: its modification time and its relative imports, each resolved and marked type-only or not. */
const cache = new Map();
/** Bumped once per linted file, so each file on disk is checked for changes at most once per linted file. */
let generation = 0;

function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = /\.tsx?$/.test(base) ? [base] : [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')];
  for (const candidate of candidates) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function isTypeOnly(statement) {
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (!clause) return false;
    if (clause.isTypeOnly) return true;
    const named = clause.namedBindings;
    return !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
  }
  if (ts.isExportDeclaration(statement)) {
    if (statement.isTypeOnly) return true;
    const clause = statement.exportClause;
    return !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
  }
  if (ts.isImportEqualsDeclaration(statement)) return statement.isTypeOnly;
  return false;
}

function specifierOf(statement) {
  if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
    return statement.moduleSpecifier.text;
  }
  if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
    const expression = statement.moduleReference.expression;
    return ts.isStringLiteral(expression) ? expression.text : undefined;
  }
  return undefined;
}

function importsOf(file) {
  const hit = cache.get(file);
  if (hit && hit.generation === generation) return hit.imports;
  let mtimeMs;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return [];
  }
  if (hit && hit.mtimeMs === mtimeMs) {
    hit.generation = generation;
    return hit.imports;
  }
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const imports = [];
  for (const statement of source.statements) {
    const specifier = specifierOf(statement);
    const target = specifier === undefined ? undefined : resolveImport(file, specifier);
    if (target) imports.push({ target, typeOnly: isTypeOnly(statement) });
  }
  cache.set(file, { mtimeMs, generation, imports });
  return imports;
}

/** The files from `start` to `goal` along imports (value imports only when `valuesOnly`), or undefined. */
function route(start, goal, valuesOnly) {
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    if (file === goal) {
      const steps = [];
      for (let at = goal; at !== undefined; at = previous.get(at)) steps.unshift(at);
      return steps;
    }
    for (const { target, typeOnly } of importsOf(file)) {
      if (valuesOnly && typeOnly) continue;
      if (!previous.has(target)) {
        previous.set(target, file);
        queue.push(target);
      }
    }
  }
  return undefined;
}

export const noTypeImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow import cycles that a type-only import closes (import-x/no-cycle reports the others).' },
    schema: [],
    messages: { cycle: 'Import cycle through a type-only import: {{route}}. Move the type to the lower module.' },
  },
  create(context) {
    generation += 1;
    const filename = context.physicalFilename;
    const root = context.cwd;
    const check = (node, specifier, typeOnly) => {
      const target = resolveImport(filename, specifier);
      if (!target) return;
      const back = route(target, filename, false);
      if (!back) return;
      // A cycle of value imports only is import-x/no-cycle's to report.
      if (!typeOnly && route(target, filename, true)) return;
      const names = [filename, ...back].map((file) => path.relative(root, file).split(path.sep).join('/'));
      context.report({ node, messageId: 'cycle', data: { route: names.join(' → ') } });
    };
    const allTypes = (specifiers) => specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
    return {
      ImportDeclaration(node) {
        check(node, node.source.value, node.importKind === 'type' || allTypes(node.specifiers));
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.exportKind === 'type' || allTypes(node.specifiers));
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === 'type');
      },
      TSImportEqualsDeclaration(node) {
        if (node.moduleReference.type === 'TSExternalModuleReference') {
          check(node, node.moduleReference.expression.value, node.importKind === 'type');
        }
      },
    };
  },
};
