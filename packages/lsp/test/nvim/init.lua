-- Headless Neovim 0.7 as a real LSP client of `genai-qa lsp --stdio` (packages/lsp/test/nvim.test.ts).
-- Reads GENAI_QA_BIN, GENAI_QA_DIR (workspace), GENAI_QA_FILE (to open), GENAI_QA_OUT (results dir).
-- Uses only what 0.7 has: vim.lsp.start_client and vim.lsp.buf_attach_client.
local bin = os.getenv('GENAI_QA_BIN')
local dir = os.getenv('GENAI_QA_DIR')
local file = os.getenv('GENAI_QA_FILE')
local out = os.getenv('GENAI_QA_OUT')

local function write(name, value)
  vim.fn.writefile({ vim.fn.json_encode(value) }, out .. '/' .. name)
end

local function finish(code)
  vim.cmd((code == 0 and 'qa!' or 'cq!'))
end

local client_id = vim.lsp.start_client({
  name = 'genai-qa',
  cmd = { 'node', bin, 'lsp', '--stdio' },
  root_dir = dir,
  init_options = { debounceMs = 10 },
})
if not client_id then
  write('error.json', 'start_client failed')
  finish(1)
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(bufnr, client_id)

local got = vim.wait(20000, function()
  return #vim.diagnostic.get(bufnr) > 0
end, 50)
if not got then
  write('error.json', 'no diagnostics within 20 s')
  finish(1)
end

local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(diagnostics, { line = d.lnum + 1, col = d.col + 1, code = d.code, message = d.message, severity = d.severity })
end
table.sort(diagnostics, function(a, b)
  return a.line < b.line or (a.line == b.line and a.col < b.col)
end)
write('diagnostics.json', diagnostics)

-- Hover on the first finding: the rule and a link to its page.
local first = vim.diagnostic.get(bufnr)[1]
local hovers = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
  textDocument = vim.lsp.util.make_text_document_params(bufnr),
  position = { line = first.lnum, character = first.col },
}, 20000)
for _, response in pairs(hovers or {}) do
  if response.result then
    write('hover.json', response.result.contents.value)
  end
end

-- The code actions for the whole buffer, then "Fix all …" applied to the buffer.
local last = vim.api.nvim_buf_line_count(bufnr)
local params = {
  textDocument = vim.lsp.util.make_text_document_params(bufnr),
  range = { start = { line = 0, character = 0 }, ['end'] = { line = last, character = 0 } },
  context = { diagnostics = {} },
}
local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 20000)
local titles = {}
local chosen
for _, response in pairs(responses or {}) do
  for _, action in ipairs(response.result or {}) do
    table.insert(titles, action.title)
    if action.title:find('^Fix all') then
      chosen = action
    end
  end
end
write('actions.json', titles)
if not chosen then
  write('error.json', 'no "Fix all" code action')
  finish(1)
end
vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')

-- The server hears of the edit and publishes again: the heading-format findings are gone.
vim.wait(20000, function()
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == 'heading-format' then
      return false
    end
  end
  return true
end, 50)
local after = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(after, d.code)
end
write('after.json', after)
vim.fn.writefile(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), out .. '/buffer.md')
vim.lsp.stop_client(client_id)
vim.wait(5000, function()
  return vim.lsp.get_client_by_id(client_id) == nil
end, 50)
finish(0)
