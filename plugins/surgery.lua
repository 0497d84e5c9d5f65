-- Breast surgery in more depth than treatment.surgery (which compares
-- lumpectomy and mastectomy): going home and recovering (drains, arm
-- exercises, when to call), reconstruction (implants, flaps, going flat), and
-- lymph node surgery. Arm swelling itself: se.lymphedema. Intents:
-- intents/surgery.intents.
herald.about { title = "Breast surgery: recovery, reconstruction, lymph nodes", reviewed = "2026-12-06",
  reviewed_by = "herald content team, from the sources cited (awaiting clinician sign-off)" }

local ACS = "American Cancer Society"
local ACS_SURG = "https://www.cancer.org/cancer/types/breast-cancer/"

local function src(id, title, publisher, url)
  herald.source(id, { title = title, publisher = publisher, url = url })
end

src("mlp-mastectomy", "Mastectomy - discharge", "MedlinePlus, US National Library of Medicine",
  "https://medlineplus.gov/ency/patientinstructions/000244.htm")
src("acs-mastectomy", "Mastectomy", ACS, ACS_SURG .. "treatment/surgery-for-breast-cancer/mastectomy.html")
src("acs-recon", "Breast Reconstruction Surgery", ACS, ACS_SURG .. "reconstruction-surgery.html")
src("acs-flap", "Breast Reconstruction Using Your Own Tissues (Flap Procedures)", ACS,
  ACS_SURG .. "reconstruction-surgery/breast-reconstruction-options/breast-reconstruction-using-your-own-tissues-flap-procedures.html")
src("acs-nodes", "Lymph Node Surgery for Breast Cancer", ACS,
  ACS_SURG .. "treatment/surgery-for-breast-cancer/lymph-node-surgery-for-breast-cancer.html")
src("cnet-sentinel", "Sentinel Lymph Node Biopsy for Early-Stage Breast Cancer", "Cancer.Net (American Society of Clinical Oncology)",
  "https://www.cancer.net/research-and-advocacy/asco-care-and-treatment-recommendations-patients/sentinel-lymph-node-biopsy-early-stage-breast-cancer")

herald.answer("surgery.recovery", {
  text = {
    "Most people go home the same day after a lumpectomy, and the same day or the next after a mastectomy. Soreness, tiredness, a stiff shoulder and numb skin near the scar or under the arm are common for a while. Full recovery often takes a few weeks.",
    "You may go home with a drain: a thin tube that carries fluid into a small bulb. You empty it and write down the amount, often twice a day, and it usually comes out in 1 to 3 weeks, once little fluid collects.",
    "Your team will show you gentle arm exercises and tell you when you can shower, drive and lift. Heavy lifting usually waits a few weeks.",
    "Call your team about a fever, a wound or drain site that turns red, hot or swollen or leaks pus, or a drain that falls out. Next step: ask for written instructions before you go home.",
  },
  sources = { "mlp-mastectomy", "acs-mastectomy" },
  suggest = { "What is lymphedema?", "Can I exercise during treatment?", "What is breast reconstruction?" },
})

herald.answer("surgery.reconstruction", {
  text = {
    "Breast reconstruction rebuilds the shape of a breast after a mastectomy, or evens out the breasts after a lumpectomy. It is a choice: some people go flat, and some wear a breast form in their bra.",
    "There are two main kinds. Implants, filled with saline or silicone, often go in after a tissue expander has slowly stretched the skin. Flap surgery moves your own skin and fat, most often from the belly, and sometimes from the back, thighs or buttocks.",
    "It can be done during the mastectomy or months or years later. Radiation and your other treatment can change the best timing. In the US, a 1998 law says most health plans that pay for a mastectomy must also cover reconstruction.",
    "Next step: ask for a visit with a plastic surgeon before your mastectomy, even if you are not sure yet.",
  },
  sources = { "acs-recon", "acs-flap" },
  suggest = { "What to expect after a mastectomy?", "Lumpectomy or mastectomy?", "Do I need radiation after a mastectomy?" },
})

herald.answer("surgery.lymph_nodes", {
  text = {
    "Breast cancer often spreads first to the lymph nodes under the arm, so they are checked during surgery. The result helps set the stage and plan treatment.",
    "A sentinel lymph node biopsy removes only the first few nodes the breast drains into, found with a dye or tracer. If they are clear, usually no more nodes are taken. An axillary lymph node dissection removes more nodes, and is used when several nodes have cancer.",
    "Removing fewer nodes lowers the chance of lymphedema, a lasting swelling of the arm. Numbness under the arm and a stiff shoulder are also common for a while.",
    "Next step: ask your surgeon how many nodes were removed and what they showed.",
  },
  sources = { "acs-nodes", "cnet-sentinel" },
  suggest = { "What is lymphedema?", "What are the stages of breast cancer?", "What to expect after a mastectomy?" },
})
