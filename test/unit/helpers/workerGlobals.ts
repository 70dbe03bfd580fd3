import ts from 'typescript';

/** What a bundle needs from outside that a web worker extension host does not provide. */
export interface WorkerMisfits {
  /** Free names that a dedicated worker's global scope lacks (`document`, `process`, `Buffer`...), with how often each is used. */
  readonly globals: Record<string, number>;
  /** Every module `require`d, with how often: the web host's loader provides only `vscode`. */
  readonly modules: Record<string, number>;
}

/** Identifiers that name a property or a label, not a variable: they never reach for a global. */
function isNotAReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    ((ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) ||
      ts.isGetAccessorDeclaration(parent) || ts.isSetAccessorDeclaration(parent)) && parent.name === node) ||
    (ts.isBindingElement(parent) && parent.propertyName === node) ||
    ts.isLabeledStatement(parent) ||
    ts.isBreakOrContinueStatement(parent)
  );
}

/**
 * Reads a CommonJS bundle as TypeScript's checker does, with only the globals of ES2022 and of a dedicated
 * web worker (lib.webworker: no DOM, no Node): every identifier that resolves to nothing is a global the
 * bundle expects and the web worker host lacks. Calls to `require` are listed by module.
 */
export function workerMisfits(file: string): WorkerMisfits {
  const program = ts.createProgram([file], {
    allowJs: true,
    noEmit: true,
    noResolve: true,
    types: [],
    lib: ['lib.es2022.d.ts', 'lib.webworker.d.ts'],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
  });
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`TypeScript could not read ${file}`);
  const checker = program.getTypeChecker();
  const globals: Record<string, number> = {};
  const modules: Record<string, number> = {};
  const visit = (node: ts.Node): void => {
    if (node.flags & ts.NodeFlags.JSDoc) return; // types named in comments are not code
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require') {
      const [argument] = node.arguments;
      const name = argument && ts.isStringLiteral(argument) ? argument.text : '(computed)';
      modules[name] = (modules[name] ?? 0) + 1;
    }
    if (ts.isIdentifier(node) && !isNotAReference(node) && checker.getSymbolAtLocation(node) === undefined) {
      globals[node.text] = (globals[node.text] ?? 0) + 1;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { globals, modules };
}
