-- Drives the OSPO Guide language server from Neovim's built-in client (Neovim 0.7 and later) as a user would:
-- opens files, waits for diagnostics, runs quick fixes through vim.lsp.buf.code_action(), hovers, saves, types.
-- Everything seen is written as JSON to $OSPO_NVIM_RESULTS, for test/neovim/neovim.test.ts to judge.
-- Run: nvim --headless -u NONE -c "luafile test/neovim/drive-neovim.lua"

local workspace = assert(os.getenv('OSPO_NVIM_WORKSPACE'), 'OSPO_NVIM_WORKSPACE')
local server = assert(os.getenv('OSPO_NVIM_SERVER'), 'OSPO_NVIM_SERVER')
local results_path = assert(os.getenv('OSPO_NVIM_RESULTS'), 'OSPO_NVIM_RESULTS')
local node = os.getenv('OSPO_NVIM_NODE') or 'node'
local TIMEOUT = 15000

local results = { nvim = vim.version(), steps = {}, messages = {}, log = {} }

local function step(name, value)
  results.steps[name] = value
end

local function path(rel)
  return workspace .. '/' .. rel
end

local function wait_for(what, condition)
  if not vim.wait(TIMEOUT, condition, 50) then
    error('timed out waiting for ' .. what, 2)
  end
end

local client_id

local function diagnostics(bufnr)
  local list = vim.diagnostic.get(bufnr, { namespace = vim.lsp.diagnostic.get_namespace(client_id) })
  local out = {}
  for _, d in ipairs(list) do
    table.insert(out, { line = d.lnum, col = d.col, code = d.code, severity = d.severity, message = d.message })
  end
  table.sort(out, function(a, b)
    return a.line < b.line or (a.line == b.line and tostring(a.code) < tostring(b.code))
  end)
  return out
end

local function has_code(bufnr, line, code)
  for _, d in ipairs(diagnostics(bufnr)) do
    if (line == nil or d.line == line) and (code == nil or d.code == code) then
      return true
    end
  end
  return false
end

local function line_of(bufnr, needle)
  for i, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if text:find(needle, 1, true) then
      return i - 1
    end
  end
  error('no line holds ' .. needle, 2)
end

local function open(rel)
  vim.cmd('edit ' .. vim.fn.fnameescape(path(rel)))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  return bufnr
end

-- Runs the code action whose title starts with `title` at the cursor, choosing it as a person would in the vim.ui.select menu.
local function run_code_action(title)
  local offered = nil
  local original = vim.ui.select
  vim.ui.select = function(items, opts, on_choice)
    offered = {}
    local chosen = nil
    for _, item in ipairs(items) do
      local label = opts.format_item(item)
      table.insert(offered, label)
      if chosen == nil and label:sub(1, #title) == title then
        chosen = item
      end
    end
    vim.ui.select = original
    on_choice(chosen)
  end
  vim.lsp.buf.code_action()
  wait_for('the code actions menu', function()
    return offered ~= nil
  end)
  vim.ui.select = original
  return offered
end

local function run()
  vim.cmd('filetype on')
  -- Edited buffers stay open while others are shown, as in most configurations.
  vim.o.hidden = true
  client_id = vim.lsp.start_client({
    name = 'ospo',
    cmd = { node, server, '--stdio' },
    root_dir = workspace,
    workspace_folders = { { uri = vim.uri_from_fname(workspace), name = 'workspace' } },
    -- Without it the server runs restricted: no policy from outside the folder, no URL opened, no online lookup.
    init_options = { trusted = true },
    handlers = {
      ['window/showMessage'] = function(_, result)
        table.insert(results.messages, result)
      end,
      ['window/logMessage'] = function(_, result)
        table.insert(results.log, result.message)
      end,
    },
  })
  assert(client_id, 'the language server did not start')
  wait_for('initialize', function()
    local client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized
  end)
  local client = vim.lsp.get_client_by_id(client_id)
  step('commands', client.server_capabilities.executeCommandProvider.commands)

  -- A manifest: findings on the dependency names.
  local manifest = open('package.json')
  wait_for('manifest diagnostics', function()
    return #diagnostics(manifest) > 0
  end)
  step('manifest', diagnostics(manifest))

  -- A hover on a denied dependency explains it.
  vim.api.nvim_win_set_cursor(0, { line_of(manifest, '"agpl-server"') + 1, 5 })
  local hover = vim.lsp.buf_request_sync(manifest, 'textDocument/hover', vim.lsp.util.make_position_params(), TIMEOUT)
  local hover_text = nil
  for _, response in pairs(hover or {}) do
    if response.result then
      hover_text = response.result.contents.value
    end
  end
  step('hover', hover_text)

  -- A source file with a shebang: the header quick fix keeps it first.
  local script = open('src/tool.sh')
  wait_for('header diagnostics', function()
    return has_code(script, 0, 'header-missing')
  end)
  step('script_before', diagnostics(script))
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  local offered = run_code_action('Insert license header')
  step('script_actions', offered)
  wait_for('the header in the buffer', function()
    return vim.api.nvim_buf_get_lines(script, 1, 2, false)[1]:find('SPDX', 1, true) ~= nil
  end)
  step('script_lines', vim.api.nvim_buf_get_lines(script, 0, 5, false))
  wait_for('the header finding to go', function()
    return not has_code(script, nil, 'header-missing')
  end)
  step('script_after', diagnostics(script))

  -- The request-approval quick fix: the server records a requested entry for the requester to complete.
  vim.cmd('buffer ' .. manifest)
  local mpl = line_of(manifest, '"mpl-lib"')
  vim.api.nvim_win_set_cursor(0, { mpl + 1, 5 })
  step('mpl_before', has_code(manifest, mpl, 'license-needs-approval'))
  step('manifest_actions', run_code_action('Request approval for mpl-lib'))
  local log_path = path('.ospo/approvals.json')
  local log = vim.fn.bufnr(log_path)
  wait_for('the request in the approvals log', function()
    log = vim.fn.bufnr(log_path)
    return log ~= -1 and vim.api.nvim_buf_is_loaded(log) and table.concat(vim.api.nvim_buf_get_lines(log, 0, -1, false), '\n'):find('mpl-lib', 1, true) ~= nil
  end)
  wait_for('the message saying where to write the justification', function()
    return #results.messages > 0
  end)
  local justification = line_of(log, '"justification": ""')
  step('log_unsaved', vim.api.nvim_buf_get_lines(log, 0, -1, false))
  step('log_modified', vim.api.nvim_buf_get_option(log, 'modified'))
  step('justification_line', justification)
  step('mpl_still_unrequested', has_code(manifest, mpl, 'license-needs-approval'))
  -- The requester writes the justification and saves; the client tells the server nothing about the file.
  local text = vim.api.nvim_buf_get_lines(log, justification, justification + 1, false)[1]
  vim.api.nvim_buf_set_lines(log, justification, justification + 1, false, { (text:gsub('""', '"PDF export needs it."', 1)) })
  vim.api.nvim_buf_call(log, function()
    vim.cmd('silent write')
  end)
  wait_for('approval-pending after the log is saved', function()
    return has_code(manifest, mpl, 'approval-pending')
  end)
  step('mpl_after_save', diagnostics(manifest))

  -- A lock file changed on disk (a package manager, a git pull): seen without the client watching.
  local left_pad = line_of(manifest, '"left-pad"')
  step('left_pad_before', has_code(manifest, left_pad, nil))
  local lock_lines = vim.fn.readfile(path('package-lock.json'))
  local in_left_pad = false
  for i, line in ipairs(lock_lines) do
    if line:find('"node_modules/left-pad"', 1, true) then
      in_left_pad = true
    elseif in_left_pad and line:find('"license"', 1, true) then
      lock_lines[i] = line:gsub('"MIT"', '"GPL-3.0-only"')
      break
    end
  end
  vim.fn.writefile(lock_lines, path('package-lock.json'))
  wait_for('left-pad denied after the lock file changed', function()
    return has_code(manifest, left_pad, 'license-denied')
  end)
  step('left_pad_after', diagnostics(manifest))

  -- A dependency typed into the unsaved manifest, then removed again.
  local dev = line_of(manifest, '"devDependencies"')
  local typed = dev + 1
  local before_typing = #diagnostics(manifest)
  vim.api.nvim_buf_set_lines(manifest, typed, typed, false, { '    "event-stream": "3.3.6",' })
  wait_for('a finding on the typed line', function()
    return has_code(manifest, typed, 'package-denied')
  end)
  step('typed', diagnostics(manifest))
  vim.api.nvim_buf_set_lines(manifest, typed, typed + 1, false, {})
  wait_for('the finding to go with the line', function()
    return not has_code(manifest, typed, 'package-denied') and #diagnostics(manifest) == before_typing
  end)
  step('removed', diagnostics(manifest))
  step('manifest_modified', vim.api.nvim_buf_get_option(manifest, 'modified'))

  -- Settings pushed as nvim-lspconfig's `settings` are: header checks off, then on again.
  local source = open('src/missing.ts')
  wait_for('a header finding on the TypeScript file', function()
    return has_code(source, 0, 'header-missing')
  end)
  step('source_before', diagnostics(source))
  -- (vim.lsp.buf_notify rather than client.notify: the same call from Neovim 0.7 to 0.11, where methods take self.)
  vim.lsp.buf_notify(source, 'workspace/didChangeConfiguration', { settings = { ospo = { headers = { enable = false } } } })
  wait_for('no header finding with headers off', function()
    return #diagnostics(source) == 0
  end)
  step('source_headers_off', diagnostics(source))
  vim.lsp.buf_notify(source, 'workspace/didChangeConfiguration', { settings = { ospo = { headers = { enable = true } } } })
  wait_for('the header finding back', function()
    return has_code(source, 0, 'header-missing')
  end)
  step('source_headers_on', diagnostics(source))

  -- An unknown command is an error, not a result.
  local unknown = vim.lsp.buf_request_sync(source, 'workspace/executeCommand', { command = 'ospo.noSuchCommand', arguments = {} }, TIMEOUT)
  -- Neovim 0.7 names the error `error`, later versions `err`.
  local answer = unknown and unknown[client_id] or {}
  local err = answer.error or answer.err
  step('unknown_command', err and { code = err.code, message = err.message } or vim.NIL)

  vim.lsp.stop_client(client_id)
  wait_for('the server to stop', function()
    return vim.lsp.get_client_by_id(client_id) == nil
  end)
  step('stopped', true)
end

local ok, problem = xpcall(run, debug.traceback)
if not ok then
  results.error = problem
end
vim.fn.writefile({ vim.fn.json_encode(results) }, results_path)
vim.cmd('qa!')
