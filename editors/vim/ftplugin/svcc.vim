" svcc: comments, indentation (two spaces, as svcc fmt writes), and svcc
" fmt as the formatter for gq (formatprg).
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

setlocal comments=:///,://
setlocal commentstring=//\ %s
setlocal expandtab shiftwidth=2 softtabstop=2 tabstop=8
setlocal formatprg=svcc\ fmt\ -
setlocal iskeyword=@,48-57,_,-,.

let b:undo_ftplugin = 'setlocal comments< commentstring< expandtab< shiftwidth< softtabstop< tabstop< formatprg< iskeyword<'
