" svcc service catalogues: *.svc
autocmd BufRead,BufNewFile *.svc setfiletype svcc
