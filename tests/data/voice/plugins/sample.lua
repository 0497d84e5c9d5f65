-- Only its suggested questions matter to the voice grammar.
local s = { "Is Enhertu given by vein?", "How is %s given?" }
