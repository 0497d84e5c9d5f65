-- Clinical-trial basics: phases, placebos and randomisation, consent and the
-- right to leave. What a trial is and how to find one: treatment.clinical_trials
-- and support.trials. Intents: intents/trials.intents.
herald.about { title = "Clinical trial basics", reviewed = "2026-12-06",
  reviewed_by = "herald content team, from the sources cited (awaiting clinician sign-off)" }

local function src(id, title, publisher, url)
  herald.source(id, { title = title, publisher = publisher, url = url })
end

src("acs-phases", "Phases of Clinical Trials", "American Cancer Society",
  "https://www.cancer.org/cancer/managing-cancer/making-treatment-decisions/clinical-trials/phases-of-clinical-trials.html")
src("cnet-placebo", "Placebos in Cancer Clinical Trials", "Cancer.Net (American Society of Clinical Oncology)",
  "https://www.cancer.net/research-and-advocacy/clinical-trials/placebos-cancer-clinical-trials")
src("acs-consent", "Informed Consent for Clinical Trials", "American Cancer Society",
  "https://www.cancer.org/cancer/managing-cancer/making-treatment-decisions/informed-consent/clinical-trial-consent.html")
src("acs-being", "Being Part of a Clinical Trial", "American Cancer Society",
  "https://www.cancer.org/cancer/managing-cancer/making-treatment-decisions/clinical-trials/being-part-of-a-clinical-trial.html")
src("nci-trials", "What Are Clinical Trials?", "National Cancer Institute",
  "https://www.cancer.gov/about-cancer/treatment/clinical-trials/what-are-trials")

local NEXT_TRIALS = { "What are clinical trials?", "How do I find a clinical trial?" }

herald.answer("trials.phases", {
  text = {
    "New cancer treatments are tested in steps called phases. Phase 1 trials are small and look at safety and the right dose. Phase 2 trials check whether the treatment works against one kind of cancer and learn more about side effects.",
    "Phase 3 trials compare the new treatment with the current standard in hundreds or thousands of people. A drug is usually approved after phase 3, and phase 4 studies keep watching it after approval.",
    "Early phases may offer a new drug sooner, but less is known about it.",
    "Next step: ask the study team which phase a trial is in and what is known so far.",
  },
  sources = { "acs-phases", "nci-trials" },
  suggest = { "Will I get a placebo in a clinical trial?", NEXT_TRIALS[1], NEXT_TRIALS[2] },
})

herald.answer("trials.placebo", {
  text = {
    "A placebo looks like a medicine but has no drug in it. In cancer treatment trials it is rarely used on its own.",
    "In most treatment trials, everyone gets at least the usual treatment, and a placebo is only added on top, to compare the standard alone with the standard plus a new drug. Some trials test giving less treatment, and then the consent form says so.",
    "You are always told before you join if a trial uses a placebo. In a randomized trial a computer picks your group, so you can't choose it, and in a blinded trial you may not know which group you are in.",
    "Next step: ask the study team what treatment every group in the trial gets.",
  },
  sources = { "cnet-placebo", "nci-trials" },
  suggest = { "Can I leave a clinical trial?", "What are the phases of a clinical trial?", NEXT_TRIALS[2] },
})

herald.answer("trials.rights", {
  text = {
    "Before you join a trial, the study team explains it and gives you a consent form. It covers the purpose, the tests and visits, the known risks and possible benefits, costs, and your rights.",
    "You can take it home, ask questions and talk it over first. Signing is not a contract: you can leave the trial at any time, for any reason.",
    "If you leave, your care goes on, and your doctor will talk with you about other treatment. Review boards watch every trial to protect the people taking part.",
    "Next step: write down your questions before the consent meeting, and bring someone with you.",
  },
  sources = { "acs-consent", "acs-being" },
  suggest = { "Will I get a placebo in a clinical trial?", "What are the phases of a clinical trial?", NEXT_TRIALS[2] },
})
