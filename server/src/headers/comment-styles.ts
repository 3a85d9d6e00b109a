/** How a language writes comments: line comments, block comments, or both (the header uses `preferred`). */
export interface CommentStyle {
  readonly name: string;
  /** Line comment prefix, e.g. `//`, `#`, `--`. */
  readonly line?: string;
  /** Block comment delimiters and the prefix of inner lines. */
  readonly block?: { readonly start: string; readonly end: string; readonly inner: string };
  /** Which form a new header uses. */
  readonly preferred: 'line' | 'block';
}

const line = (name: string, prefix: string): CommentStyle => ({ name, line: prefix, preferred: 'line' });

/** The comment styles headers can be written in, by name (names usable in the policy's `headers.styles`). */
export const COMMENT_STYLES: Readonly<Record<string, CommentStyle>> = {
  c: { name: 'c', line: '//', block: { start: '/*', end: ' */', inner: ' * ' }, preferred: 'line' },
  'c-block': { name: 'c-block', line: '//', block: { start: '/*', end: ' */', inner: ' * ' }, preferred: 'block' },
  css: { name: 'css', block: { start: '/*', end: ' */', inner: ' * ' }, preferred: 'block' },
  python: line('python', '#'),
  shell: line('shell', '#'),
  haskell: { name: 'haskell', line: '--', block: { start: '{-', end: '-}', inner: '' }, preferred: 'line' },
  sql: line('sql', '--'),
  lua: line('lua', '--'),
  lisp: line('lisp', ';;'),
  tex: line('tex', '%'),
  erlang: line('erlang', '%'),
  vb: line('vb', "'"),
  bat: line('bat', 'REM'),
  fortran: line('fortran', '!'),
  vim: line('vim', '"'),
  html: { name: 'html', block: { start: '<!--', end: '-->', inner: '' }, preferred: 'block' },
  ml: { name: 'ml', block: { start: '(*', end: ' *)', inner: ' * ' }, preferred: 'block' },
  jinja: { name: 'jinja', block: { start: '{#', end: '#}', inner: '' }, preferred: 'block' },
  handlebars: { name: 'handlebars', block: { start: '{{!--', end: '--}}', inner: '' }, preferred: 'block' },
  asm: line('asm', ';'),
  apostrophe: line('apostrophe', "'"),
};

/** VS Code language ids → style names. */
export const STYLE_BY_LANGUAGE: Readonly<Record<string, string>> = {
  typescript: 'c', typescriptreact: 'c', javascript: 'c', javascriptreact: 'c', go: 'c', rust: 'c', java: 'c',
  kotlin: 'c', c: 'c', cpp: 'c', csharp: 'c', swift: 'c', scala: 'c', groovy: 'c', dart: 'c', 'objective-c': 'c',
  'objective-cpp': 'c', php: 'c', fsharp: 'c', proto3: 'c', proto: 'c', jsonc: 'c', less: 'c', scss: 'c', sass: 'c',
  zig: 'c', solidity: 'c', hlsl: 'c', glsl: 'c', cuda: 'c', 'cuda-cpp': 'c', d: 'c', verilog: 'c', v: 'c',
  css: 'css',
  python: 'python', shellscript: 'shell', ruby: 'python', perl: 'python', r: 'python', yaml: 'python', toml: 'python',
  dockerfile: 'shell', makefile: 'shell', powershell: 'shell', elixir: 'python', coffeescript: 'python', nim: 'python',
  julia: 'python', cmake: 'python', properties: 'python', ignore: 'python', terraform: 'python', hcl: 'python', nix: 'python',
  haskell: 'haskell', sql: 'sql', lua: 'lua', ada: 'sql', elm: 'haskell', purescript: 'haskell',
  clojure: 'lisp', lisp: 'lisp', scheme: 'lisp', racket: 'lisp', latex: 'tex', tex: 'tex', matlab: 'tex', erlang: 'erlang', prolog: 'tex',
  vb: 'vb', bat: 'bat', fortran: 'fortran', 'fortran-modern': 'fortran', vim: 'vim', viml: 'vim',
  html: 'html', xml: 'html', xsl: 'html', svg: 'html', markdown: 'html', vue: 'html', svelte: 'html', razor: 'html',
  ocaml: 'ml', fsharp_ml: 'ml', jinja: 'jinja', handlebars: 'handlebars', asm: 'asm', nasm: 'asm',
};

/** File extensions (lower case, without the dot) → style names. */
export const STYLE_BY_EXTENSION: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({
    c: 'c h cc cpp cxx c++ hh hpp hxx h++ ipp tpp inl m mm cs java kt kts scala sc groovy gradle go rs swift dart js mjs cjs jsx ts mts cts tsx php php3 php4 php5 phtml fs fsi fsx proto zig sol hlsl glsl vert frag cu cuh d v sv svh ino pde as jsonc json5 less scss sass styl qml',
    css: 'css',
    python: 'py pyi pyw pyx pxd rb rake gemspec pl pm t r R yaml yml toml cfg conf ini properties ex exs coffee nim jl cmake tf tfvars hcl nix pp cr gd mk',
    shell: 'sh bash zsh ksh fish csh tcsh ps1 psm1 psd1 dockerfile containerfile',
    haskell: 'hs lhs elm purs',
    sql: 'sql adb ads pls plb',
    lua: 'lua',
    lisp: 'el lisp lsp cl clj cljs cljc edn scm ss rkt',
    tex: 'tex sty cls bib m4 mat',
    erlang: 'erl hrl',
    vb: 'vb vbs bas',
    bat: 'bat cmd',
    fortran: 'f f77 f90 f95 f03 f08 for',
    vim: 'vim',
    html: 'html htm xhtml xml xsd xsl xslt svg vue svelte md markdown mdx cshtml razor csproj fsproj vbproj props targets nuspec pom plist resx xaml wsdl',
    ml: 'ml mli mll mly',
    jinja: 'j2 jinja jinja2',
    handlebars: 'hbs handlebars',
    asm: 'asm s nasm',
  }).flatMap(([style, exts]) => exts.split(' ').map((ext) => [ext, style])),
);

/** Whole file names that say their language (case-sensitive, as on disk). */
export const STYLE_BY_FILE_NAME: Readonly<Record<string, string>> = {
  Dockerfile: 'shell', Containerfile: 'shell', Makefile: 'shell', GNUmakefile: 'shell', makefile: 'shell', 'CMakeLists.txt': 'python',
  Rakefile: 'python', Gemfile: 'python', Podfile: 'python', Vagrantfile: 'python', Jenkinsfile: 'c', Justfile: 'shell', justfile: 'shell',
  Snakefile: 'python', BUILD: 'python', 'BUILD.bazel': 'python', WORKSPACE: 'python', Pipfile: 'python', '.bashrc': 'shell',
  '.bash_profile': 'shell', '.profile': 'shell', '.zshrc': 'shell', '.gitignore': 'python', '.gitattributes': 'python',
  '.dockerignore': 'python', '.editorconfig': 'python', '.npmrc': 'python', '.env': 'python', 'meson.build': 'python',
};

/** Files that cannot hold a comment: their header must live in a `.license` sidecar or REUSE.toml. */
export const UNCOMMENTABLE_EXTENSIONS = new Set(
  'json lock png jpg jpeg gif bmp ico webp tiff pdf zip gz tgz bz2 xz 7z jar war class so dll exe dylib woff woff2 ttf otf eot mp3 mp4 wav ogg avi mov bin dat license'.split(' '),
);
