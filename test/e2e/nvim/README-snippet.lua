-- Fact Notes in Neovim: diagnostics as you type, hover (K), go to definition
-- (gd) and quick fixes (<leader>ca) on *.facts.yaml files. Put this in your
-- init.lua. It needs `fact-notes` on your PATH (npm install -g
-- ./fact-notes-<version>.tgz, from `npm pack` or a release). Or change cmd to
-- { 'npx', 'fact-notes', 'lsp', '--stdio' } inside a clone of the repository,
-- or to { 'node', '<extension folder>/dist/server.js', '--stdio' } to use the
-- server the VS Code extension carries.
-- Start Neovim in the project folder: that folder is the root citations may
-- not leave. Works on Neovim 0.7 (vim.lsp.start_client) and 0.8+ (vim.lsp.start).

local fact_notes = {
  name = 'fact-notes',
  cmd = { 'fact-notes', 'lsp', '--stdio' },
  -- Neovim calls these files "yaml"; the server's language id is fact-sheet.
  get_language_id = function() return 'fact-sheet' end,
  on_attach = function(_, bufnr)
    local opts = { buffer = bufnr }
    vim.keymap.set('n', 'K', vim.lsp.buf.hover, opts)
    vim.keymap.set('n', 'gd', vim.lsp.buf.definition, opts)
    vim.keymap.set('n', 'gr', vim.lsp.buf.references, opts)
    vim.keymap.set('n', '<leader>ca', vim.lsp.buf.code_action, opts)
  end,
}

local clients_by_root = {} -- Neovim 0.7: one client per root, shared by its sheets

vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
  pattern = { '*.facts.yaml', '*.facts.yml' },
  callback = function(args)
    local root = vim.fn.getcwd()
    local config = vim.tbl_extend('force', fact_notes, { root_dir = root })
    if vim.lsp.start then
      vim.lsp.start(config, { bufnr = args.buf })               -- Neovim 0.8 and later
    else
      local id = clients_by_root[root]
      if not id or not vim.lsp.get_client_by_id(id) then
        id = vim.lsp.start_client(config)                        -- Neovim 0.7
        clients_by_root[root] = id
      end
      if id then vim.lsp.buf_attach_client(args.buf, id) end
    end
  end,
})
