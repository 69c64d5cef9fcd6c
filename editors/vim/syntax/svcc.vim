" Vim syntax file
" Language: svcc service catalogues (*.svc)
" The same pieces as editors/svcc.tmLanguage.json: declarations, fields,
" strings with escapes and """ blocks, numbers, durations, percentages,
" money, times, comments and doc comments.
if exists('b:current_syntax')
  finish
endif

syn case match

" Comments: /// doc comments, // line comments, /* block comments */.
syn keyword svccTodo contained TODO FIXME XXX NOTE
syn match   svccDocComment   "///\(/\)\@!.*$" contains=svccTodo,@Spell
syn match   svccComment      "//\(/\)\@!.*$" contains=svccTodo,@Spell
syn match   svccComment      "////.*$" contains=svccTodo,@Spell
syn region  svccBlockComment start="/\*" end="\*/" contains=svccTodo,@Spell

" Strings: escapes \" \\ \n \t \r \u{...}; an unknown one is an error.
syn match   svccEscape       contained "\\\([\"\\ntr]\|u{\x\{1,6}}\)"
syn match   svccEscapeError  contained "\\[^\"\\ntru]"
syn region  svccString       start=+"""+ end=+"""+ contains=svccEscape,svccEscapeError,@Spell
syn region  svccString       start=+"\(""\)\@!+ skip=+\\\\\|\\"+ end=+"+ end=+$+ oneline contains=svccEscape,svccEscapeError,@Spell

" Numbers: plain numbers, then (defined later, so preferred where they
" start at the same place) durations, percentages, times and 24x7; money's
" currency code.
syn match   svccNumber       "\<\d\+\(\.\d\+\)\=\>"
syn match   svccDuration     "\<\(\d\+[wdhms]\)\+\>"
syn match   svccPercent      "\<\d\+\(\.\d\+\)\=%"
syn match   svccTime         "\<\(24x7\|\d\{1,2}:\d\{2}\(-\d\{1,2}:\d\{2}\)\=\)\>"
syn match   svccCurrency     "\(\<\d\+\(\.\d\+\)\=\s\+\)\@<=\u\{3}\>"

" Words with a meaning in values.
syn keyword svccKeyword      from for per others business in chargeback

" Declarations: KIND ID at a line's start; import.
syn match   svccDeclaration  "^\s*\(catalogue\|service\|offering\|consumer\|team\|person\|resource\|practice\|template\|framework\|requirement\|supplier\|agreement\|calendar\|crosswalk\|view\)\s\+\h[A-Za-z0-9_.-]*" contains=svccKind,svccName
syn match   svccKind         contained "^\s*\zs\l\+"
syn match   svccName         contained "\s\zs\h[A-Za-z0-9_.-]*"
syn match   svccImport       "^\s*\zsimport\>"

" Fields: a statement's first word inside a block.
syn region  svccBlock        matchgroup=svccBrace start="{" end="}" transparent contains=ALLBUT,svccDeclaration,svccKind,svccName,svccEscape,svccEscapeError,svccTodo
syn match   svccField        contained containedin=svccBlock "\(\(^\|[{;]\)\s*\)\@<=\h[A-Za-z0-9_-]*\ze\(\s\|[{;}]\|$\)"

" Blocks nest and strings span lines: parse from the start of the file
" (catalogue files are read whole by svcc anyway).
syn sync fromstart

hi def link svccTodo         Todo
hi def link svccDocComment   SpecialComment
hi def link svccComment      Comment
hi def link svccBlockComment Comment
hi def link svccEscape       SpecialChar
hi def link svccEscapeError  Error
hi def link svccString       String
hi def link svccTime         Number
hi def link svccPercent      Number
hi def link svccDuration     Number
hi def link svccNumber       Number
hi def link svccCurrency     Constant
hi def link svccKeyword      Keyword
hi def link svccKind         Structure
hi def link svccName         Identifier
hi def link svccImport       Include
hi def link svccField        Type
hi def link svccBrace        Delimiter

let b:current_syntax = 'svcc'
