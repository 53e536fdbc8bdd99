-- Drives `fact-notes lsp --stdio` from Neovim (Debian's 0.7.2, headless) as a
-- second, independent LSP client. Run by test/e2e/nvim/neovim.test.ts:
--
--   nvim --headless -u NONE -i NONE -n -c "luafile test/e2e/nvim/check.lua"
--
-- with, in the environment:
--   FACT_NOTES_NVIM_CMD    JSON array, the server command, e.g.
--                          ["node","/repo/bin/fact-notes.js","lsp","--stdio"]
--                          (default: computed from this file's path)
--   FACT_NOTES_NVIM_ROOT   the workspace folder (a copy of samples/)
--   FACT_NOTES_NVIM_SHEET  the fact sheet to open (e.g. ROOT/broken.facts.yaml)
--   FACT_NOTES_NVIM_HOVER  text of a citation line to hover (the cursor goes to
--                          its first non-blank character after "KEY: ")
--   FACT_NOTES_NVIM_OUT    where to write the JSON results
--   FACT_NOTES_NVIM_TIMEOUT  milliseconds for each wait (default 20000)
--
-- Only Neovim 0.7 APIs are used (vim.lsp.start_client, buf_attach_client,
-- buf_request_sync, vim.diagnostic.get, vim.wait), so it runs on 0.7.2 and on
-- newer releases alike. Every wait polls with a timeout.

local out_path = assert(os.getenv('FACT_NOTES_NVIM_OUT'), 'FACT_NOTES_NVIM_OUT not set')
local timeout = tonumber(os.getenv('FACT_NOTES_NVIM_TIMEOUT') or '') or 20000

local result = { ok = false, nvim = vim.version(), steps = {}, log = {} }

local function log(msg) table.insert(result.log, msg) end

local function write_result()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
end

local function finish(ok, err)
  result.ok = ok
  if err then result.error = tostring(err) end
  write_result()
  vim.cmd('qall!')
end

local function this_dir()
  local src = debug.getinfo(1, 'S').source:sub(2)
  return vim.fn.fnamemodify(src, ':p:h')
end

local function main()
  local repo = vim.fn.fnamemodify(this_dir() .. '/../../..', ':p'):gsub('/$', '')
  local cmd_json = os.getenv('FACT_NOTES_NVIM_CMD')
  local cmd = cmd_json and vim.fn.json_decode(cmd_json)
    or { 'node', repo .. '/bin/fact-notes.js', 'lsp', '--stdio' }
  local root = os.getenv('FACT_NOTES_NVIM_ROOT') or (repo .. '/samples')
  local sheet = os.getenv('FACT_NOTES_NVIM_SHEET') or (root .. '/broken.facts.yaml')
  local hover_text = os.getenv('FACT_NOTES_NVIM_HOVER') or 'quote: The meeting lasted about two hours.'
  result.cmd = cmd
  result.root = root
  result.sheet = sheet

  vim.cmd('edit ' .. vim.fn.fnameescape(sheet))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype

  local exit_info
  local client_id = vim.lsp.start_client({
    name = 'fact-notes',
    cmd = cmd,
    root_dir = root,
    -- Neovim calls *.facts.yaml "yaml"; the server's language id is fact-sheet.
    get_language_id = function() return 'fact-sheet' end,
    on_exit = function(code, signal) exit_info = { code = code, signal = signal } end,
  })
  if not client_id then return finish(false, 'vim.lsp.start_client returned nil') end
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- 1. initialize
  local initialized = vim.wait(timeout, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return (c and c.initialized) or exit_info ~= nil
  end, 50)
  local client = vim.lsp.get_client_by_id(client_id)
  if exit_info then return finish(false, 'server exited: ' .. vim.inspect(exit_info)) end
  if not initialized or not client then return finish(false, 'server did not initialize within ' .. timeout .. ' ms') end
  local caps = client.server_capabilities or {}
  result.server_capabilities = {
    hoverProvider = caps.hoverProvider or false,
    definitionProvider = caps.definitionProvider or false,
  }
  table.insert(result.steps, 'initialized')

  -- 2. diagnostics (pushed with textDocument/publishDiagnostics)
  local got = vim.wait(timeout, function() return #vim.diagnostic.get(bufnr) > 0 or exit_info ~= nil end, 50)
  if exit_info then return finish(false, 'server exited: ' .. vim.inspect(exit_info)) end
  if not got then return finish(false, 'no diagnostics within ' .. timeout .. ' ms') end
  -- Let the count settle: poll until two consecutive reads agree.
  local last = -1
  vim.wait(2000, function()
    local n = #vim.diagnostic.get(bufnr)
    local same = (n == last)
    last = n
    return same
  end, 200)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source,
      code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code),
    })
  end
  table.insert(result.steps, 'diagnostics')

  -- 3. hover on a citation
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local hover_line, hover_col
  for i, l in ipairs(lines) do
    local s = l:find(hover_text, 1, true)
    if s then
      local colon = l:find(': ', s, true)
      hover_line, hover_col = i - 1, colon and (colon + 1) or (s - 1)
      break
    end
  end
  if not hover_line then return finish(false, 'hover text not found in the sheet: ' .. hover_text) end
  vim.api.nvim_win_set_cursor(0, { hover_line + 1, hover_col })
  local params = vim.lsp.util.make_position_params()
  result.hover_position = params.position
  local hover
  vim.wait(timeout, function()
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 2000) or {}
    for _, r in pairs(responses) do
      if r.error then log('hover error: ' .. vim.inspect(r.error)) end
      if r.result and r.result.contents then hover = r.result return true end
    end
    return false
  end, 100)
  if not hover then return finish(false, 'no hover within ' .. timeout .. ' ms') end
  local md = vim.lsp.util.convert_input_to_markdown_lines(hover.contents)
  result.hover = { text = table.concat(md, '\n'), range = hover.range }
  table.insert(result.steps, 'hover')

  -- 4. go to definition on the same citation (informational; spec section 6)
  local def
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/definition', params, timeout) or {}
  for _, r in pairs(responses) do
    if r.result then def = r.result end
    if r.error then log('definition error: ' .. vim.inspect(r.error)) end
  end
  result.definition = def
  table.insert(result.steps, 'definition')

  -- 5. shut the server down the polite way
  client.stop()
  vim.wait(5000, function() return exit_info ~= nil end, 50)
  result.server_exit = exit_info
  finish(true)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then finish(false, err) end
