/** How a language writes comments: line comments, block comments, or both (the header uses `preferred`). */
export interface CommentStyle {
  readonly name: string;
  /** Line comment prefix, e.g. `//`, `#`, `--`. */
  readonly line?: string;
  /** Block comment delimiters and the prefix of inner lines. */
  readonly block?: { readonly start: string; readonly end: string; readonly inner: string };
  /** Which form a new header uses. */
  readonly preferred: 'line' | 'block';
  /**
   * Characters that, ending a line comment, carry it onto the next line: C's backslash-newline splice (and its
   * trigraph `??/`), cmd's caret, classic VB's underscore. The next line of code would become comment.
   */
  readonly lineContinuation?: readonly string[];
}

const line = (name: string, prefix: string): CommentStyle => ({ name, line: prefix, preferred: 'line' });

/** The comment styles headers can be written in, by name (names usable in the policy's `headers.styles`). */
export const COMMENT_STYLES: Readonly<Record<string, CommentStyle>> = {
  c: { name: 'c', line: '//', block: { start: '/*', end: ' */', inner: ' * ' }, preferred: 'line', lineContinuation: ['\\', '??/'] },
  'c-block': { name: 'c-block', line: '//', block: { start: '/*', end: ' */', inner: ' * ' }, preferred: 'block', lineContinuation: ['\\', '??/'] },
  css: { name: 'css', block: { start: '/*', end: ' */', inner: ' * ' }, preferred: 'block' },
  python: line('python', '#'),
  shell: line('shell', '#'),
  haskell: { name: 'haskell', line: '--', block: { start: '{-', end: '-}', inner: '' }, preferred: 'line' },
  sql: line('sql', '--'),
  lua: line('lua', '--'),
  lisp: line('lisp', ';;'),
  tex: line('tex', '%'),
  erlang: line('erlang', '%'),
  vb: { ...line('vb', "'"), lineContinuation: [' _'] },
  bat: { ...line('bat', 'REM'), lineContinuation: ['^'] },
  fortran: line('fortran', '!'),
  vim: line('vim', '"'),
  html: { name: 'html', block: { start: '<!--', end: '-->', inner: '' }, preferred: 'block' },
  ml: { name: 'ml', block: { start: '(*', end: ' *)', inner: ' * ' }, preferred: 'block' },
  jinja: { name: 'jinja', block: { start: '{#', end: '#}', inner: '' }, preferred: 'block' },
  handlebars: { name: 'handlebars', block: { start: '{{!--', end: '--}}', inner: '' }, preferred: 'block' },
  asm: line('asm', ';'),
  apostrophe: line('apostrophe', "'"),
  aspx: { name: 'aspx', block: { start: '<%--', end: '--%>', inner: '' }, preferred: 'block' },
  ftl: { name: 'ftl', block: { start: '<#--', end: '-->', inner: '' }, preferred: 'block' },
  m4: line('m4', 'dnl'),
  man: line('man', '.\\"'),
  rst: { name: 'rst', block: { start: '..', end: '', inner: '  ' }, preferred: 'block' },
  xquery: { name: 'xquery', block: { start: '(:', end: ':)', inner: '' }, preferred: 'block' },
  plantuml: line('plantuml', "'"),
  applescript: { name: 'applescript', line: '--', block: { start: '(*', end: '*)', inner: '' }, preferred: 'line' },
  julia: { name: 'julia', line: '#', block: { start: '#=', end: '=#', inner: '' }, preferred: 'line' },
  semicolon: line('semicolon', ';'),
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
    c: 'c h cc cpp cxx c++ hh hpp hxx h++ ipp tpp inl ixx cppm mpp m mm cs csx java jav aj kt ktm kts scala sc groovy gvy gradle go rs swift dart js mjs cjs jsx es es6 jsm ts mts cts tsx php php3 php4 php5 php7 phtml fs fsi fsx proto zig sol hlsl hlsli fx glsl vert frag geom comp tesc tese metal wgsl cu cuh d di v sv svh vh ino pde as jsonc json5 less scss sass styl qml idl odl dts dtsi y yy l ll ypp re rl thrift fbs avdl hx hxsl vala vapi ceylon chpl c3 mq4 mq5 mqh pike pmod bicep prisma typ move cairo stan gs pas dpr lpr dpk nut',
    css: 'css pcss postcss',
    python: 'py pyi pyw pyx pxd pxi rpy sage bzl star sky smk gyp gypi rb rbw rbi ru rake gemspec podspec jbuilder thor pl pm pod t p6 pl6 raku rakumod r yaml yml toml cfg cnf conf ini properties desktop service timer socket spec ex exs elv nu mojo coffee litcoffee cson nim nimble jl cmake tf tfvars hcl nomad nix pp cr gd mk mak make tcl tk awk gawk sed ebuild eclass graphql gql gn gni sls',
    shell: 'sh bash zsh ksh fish csh tcsh ps1 psm1 psd1 dockerfile containerfile bats',
    haskell: 'hs lhs hsc elm purs idr lidr agda',
    sql: 'sql psql pgsql plsql mysql ddl dml hql cql adb ads ada pls plb vhd vhdl e',
    lua: 'lua luau rockspec nse wlua',
    lisp: 'el lisp lsp cl clj cljs cljc edn scm ss rkt fnl hy lfe sld asd',
    tex: 'tex sty cls bib dtx ins ltx bst mf mat',
    erlang: 'erl hrl escript yrl',
    vb: 'vb vbs bas frm vba',
    bat: 'bat cmd',
    fortran: 'f f77 f90 f95 f03 f08 for fpp',
    vim: 'vim vimrc',
    html: 'html htm xhtml xml xsd xsl xslt rng rss atom opml kml gpx wxs wxi wxl svg vue svelte md markdown mdown mkd mdx cshtml razor csproj fsproj vbproj vcxproj props targets nuspec pom plist resx xaml axaml xul ui qrc storyboard xib jelly iml launch urdf sdf mxml zcml',
    ml: 'ml mli mll mly sml sig',
    jinja: 'j2 jinja jinja2 njk twig',
    handlebars: 'hbs handlebars mustache',
    asm: 'asm s nasm',
    aspx: 'aspx ascx asax ashx asmx master jsp jspf',
    ftl: 'ftl ftlh ftlx',
    m4: 'm4 ac',
    man: 'man 1 2 3 4 5 6 7 8 mdoc',
    rst: 'rst',
    xquery: 'xq xql xqm xquery xqy',
    plantuml: 'puml plantuml iuml pu',
    applescript: 'applescript',
  }).flatMap(([style, exts]) => exts.split(' ').map((ext) => [ext, style])),
);

/** Whole file names that say their language (case-sensitive, as on disk). */
export const STYLE_BY_FILE_NAME: Readonly<Record<string, string>> = {
  Dockerfile: 'shell', Containerfile: 'shell', Makefile: 'shell', GNUmakefile: 'shell', makefile: 'shell', 'CMakeLists.txt': 'python',
  Rakefile: 'python', Gemfile: 'python', Podfile: 'python', Vagrantfile: 'python', Jenkinsfile: 'c', Justfile: 'shell', justfile: 'shell',
  Snakefile: 'python', BUILD: 'python', 'BUILD.bazel': 'python', WORKSPACE: 'python', Pipfile: 'python', '.bashrc': 'shell',
  '.bash_profile': 'shell', '.profile': 'shell', '.zshrc': 'shell', '.gitignore': 'python', '.gitattributes': 'python',
  '.dockerignore': 'python', '.editorconfig': 'python', '.npmrc': 'python', '.env': 'python', 'meson.build': 'python',
  'meson_options.txt': 'python', Caddyfile: 'python', Procfile: 'python', Brewfile: 'python', Berksfile: 'python', Guardfile: 'python',
  Fastfile: 'python', Appfile: 'python', Dangerfile: 'python', Puppetfile: 'python', Capfile: 'python', Thorfile: 'python',
  Tiltfile: 'python', Earthfile: 'shell', Kconfig: 'python', Kbuild: 'shell', 'Makefile.am': 'shell', 'Makefile.in': 'shell',
  'configure.ac': 'm4', SConstruct: 'python', SConscript: 'python', wscript: 'python', BUCK: 'python', CODEOWNERS: 'python',
  'go.mod': 'c', 'requirements.txt': 'python', 'constraints.txt': 'python', '.bazelrc': 'python', '.flake8': 'python',
  '.pylintrc': 'python', pylintrc: 'python', '.coveragerc': 'python', '.gitmodules': 'python', '.mailmap': 'python', '.hgignore': 'python',
  '.prettierignore': 'python', '.eslintignore': 'python', '.stylelintignore': 'python', '.helmignore': 'python', '.gcloudignore': 'python',
  '.vscodeignore': 'python', '.gitlab-ci.yml': 'python', '.vimrc': 'vim', '_vimrc': 'vim', '.gvimrc': 'vim', '.zprofile': 'shell',
  '.zshenv': 'shell', '.bash_aliases': 'shell', '.bash_logout': 'shell', '.kshrc': 'shell', '.cshrc': 'shell', '.tcshrc': 'shell',
  '.inputrc': 'python', '.tmux.conf': 'python', '.screenrc': 'python', '.emacs': 'lisp', '.spacemacs': 'lisp', '.clang-format': 'python',
  '.clang-tidy': 'python', '.yamllint': 'python', '.pre-commit-config.yaml': 'python', 'Pipfile.lock': 'none', 'Cargo.lock': 'none',
  'go.sum': 'none', 'yarn.lock': 'none', 'poetry.lock': 'none', 'Gemfile.lock': 'none', 'composer.lock': 'none', 'uv.lock': 'none',
};

/** Files that cannot hold a comment: their header must live in a `.license` sidecar or REUSE.toml. */
export const UNCOMMENTABLE_EXTENSIONS = new Set(
  'json lock png jpg jpeg gif bmp ico webp tiff pdf zip gz tgz bz2 xz 7z jar war class so dll exe dylib woff woff2 ttf otf eot mp3 mp4 wav ogg avi mov bin dat license'.split(' '),
);
