-- The load test's requests: public pages in turn, as a mix of families would ask for
-- them. Used by benchmarks/run.py (wrk -s pages.lua).
local pages = {
  "/",
  "/support/additional-support/",
  "/services/virtual-activities/",
  "/services/overnight-respite-care/",
  "/find/?when=overnight",
  "/find/?q=swimming&age=10",
  "/providers/",
  "/contacts/",
  "/check/",
  "/glossary/",
  "/api/openreferral/services",
}
local next_page = 0

request = function()
  next_page = next_page % #pages + 1
  return wrk.format("GET", pages[next_page])
end
