-- The kinds of chemotherapy used with HER2 drugs. Intents: intents/chemo_classes.intents.
-- Each group is named with its own drugs in the same sentence; one drug's own
-- facts and warnings are answered by plugins/drugs.lua.
herald.about {
  title = "Kinds of chemotherapy in HER2 treatment",
  reviewed = "2026-12-06",
  reviewed_by = "herald content team, from ACS and NCI pages (awaiting clinician sign-off)",
}

herald.source("acs-chemo", { title = "Chemotherapy for Breast Cancer", publisher = "American Cancer Society",
  url = "https://www.cancer.org/cancer/types/breast-cancer/treatment/chemotherapy-for-breast-cancer.html" })
herald.source("nci-chemo", { title = "Chemotherapy to Treat Cancer", publisher = "National Cancer Institute",
  url = "https://www.cancer.gov/about-cancer/treatment/types/chemotherapy" })
herald.source("cancernet-early", { title = "Breast Cancer: Types of Treatment", publisher = "Cancer.Net, American Society of Clinical Oncology",
  url = "https://www.cancer.net/cancer-types/breast-cancer/types-treatment" })

local SOURCES = { "acs-chemo", "nci-chemo", "cancernet-early" }
local SUGGEST = { "What is docetaxel?", "What are the warnings for doxorubicin?", "Is Herceptin chemo?" }

local TYPES = {
  "Chemo drugs used with HER2 treatment come in a few groups.",
  "Taxanes, paclitaxel (Taxol) and docetaxel (Taxotere), are used most. Anthracyclines, such as doxorubicin (Adriamycin), are used in some plans with cyclophosphamide (Cytoxan).",
  "Carboplatin is a platinum drug used in TCHP. Capecitabine (Xeloda) is a chemo pill. It is most often used when cancer has spread.",
  "HER2 drugs such as trastuzumab (Herceptin) are targeted drugs, not chemo. Next step: ask which chemo is in your plan, and why.",
}

local CLASSES = {
  { "taxane", {
    "Taxanes are a group of chemo drugs that stop cancer cells from dividing.",
    "The taxanes in HER2 care are paclitaxel (Taxol) and docetaxel (Taxotere). A taxane is the T in THP and TCHP.",
    "Nerve tingling, hair loss and low white blood cells are common with taxanes.",
    "Next step: ask which taxane is in your plan, and tell your team early about numbness.",
  } },
  { "anthracyclin", {
    "Anthracyclines are strong chemo drugs that damage the DNA of cancer cells.",
    "The anthracyclines in breast cancer care are doxorubicin (Adriamycin) and epirubicin (Ellence). Doxorubicin is the A in AC.",
    "Anthracyclines can weaken the heart, so there is a lifetime dose limit and heart scans. They are not given at the same time as HER2 antibodies.",
    "Next step: ask whether your plan has an anthracycline, and why.",
  } },
  { "platinum", {
    "Platinum drugs are chemo drugs made with the metal platinum. They damage the DNA of cancer cells.",
    "In HER2 care, the platinum drug is carboplatin, the C in TCHP.",
    "Carboplatin lowers blood counts and can cause nausea. Allergic reactions can happen after several doses.",
    "Next step: ask how your carboplatin dose is worked out from your kidney test.",
  } },
}

herald.on("chemo.types", function(q)
  for _, c in ipairs(CLASSES) do
    if q.text:find(c[1], 1, true) then
      return { text = c[2], sources = SOURCES, suggest = SUGGEST }
    end
  end
  return { text = TYPES, sources = SOURCES, suggest = SUGGEST }
end)
