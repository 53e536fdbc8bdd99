-- Used by neovim.test.ts to check README-snippet.lua as a user would use it:
--   nvim --headless -i NONE -n -u README-snippet.lua broken.facts.yaml -c "luafile snippet-probe.lua"
-- Waits (polling) for the client the snippet started, for diagnostics, then
-- presses K-equivalent (a hover request at the cursor) on the line holding
-- $FACT_NOTES_NVIM_HOVER; writes JSON to $FACT_NOTES_NVIM_OUT and quits.
local out_path = assert(os.getenv('FACT_NOTES_NVIM_OUT'))
local hover_text = os.getenv('FACT_NOTES_NVIM_HOVER') or 'quote: '
local timeout = tonumber(os.getenv('FACT_NOTES_NVIM_TIMEOUT') or '') or 20000
local result = { ok = false }

local function finish(ok, err)
  result.ok = ok
  result.error = err and tostring(err) or nil
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local function main()
  local bufnr = vim.api.nvim_get_current_buf()
  local attached = vim.wait(timeout, function()
    for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if c.name == 'fact-notes' and c.initialized then return true end
    end
    return false
  end, 50)
  if not attached then return finish(false, 'no fact-notes client attached to ' .. vim.api.nvim_buf_get_name(bufnr)) end
  if not vim.wait(timeout, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
    return finish(false, 'no diagnostics')
  end
  result.diagnostics = #vim.diagnostic.get(bufnr)
  result.keymap_K = vim.fn.maparg('K', 'n') ~= ''
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for i, l in ipairs(lines) do
    local s = l:find(hover_text, 1, true)
    if s then vim.api.nvim_win_set_cursor(0, { i, (l:find(': ', s, true) or s) + 1 }) break end
  end
  local params = vim.lsp.util.make_position_params()
  local hover
  vim.wait(timeout, function()
    for _, r in pairs(vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 2000) or {}) do
      if r.result and r.result.contents then hover = r.result return true end
    end
    return false
  end, 100)
  if not hover then return finish(false, 'no hover') end
  result.hover = table.concat(vim.lsp.util.convert_input_to_markdown_lines(hover.contents), '\n')
  for _, c in pairs(vim.lsp.get_active_clients()) do c.stop() end
  vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
  finish(true)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then finish(false, err) end
