import Core
import Foundation
import Plugins
import Testing

/// Each mechanism of question understanding, on a small folder of two made-up drug labels and a
/// glossary, asked through the router as kq asks: the folder is built here, so what a right
/// answer says is known.
@Suite struct UnderstandingTests {
    static let zorfen = """
    # Zorfen Tablets: Drug Facts

    ## Directions

    - do not take more than directed
    - adults and children 12 years and over: take 1 tablet every 4 to 6 hours; do not exceed 6 tablets in 24 hours
    - children under 12 years: ask a doctor

    ## Warnings

    ### Do not use

    - if you have ever had an allergic reaction to zorfen

    ### Stop use and ask a doctor if

    - you feel faint
    - you have chest pain

    ## Side effects

    The most common side effects of zorfen are nausea and headache.

    ## Other information

    Store at room temperature. Talk to a pharmacist about other medicines.
    """

    static let quellamide = """
    # Quellamide Tablets: prescribing information

    ## DOSAGE AND ADMINISTRATION

    The usual adult dose of quellamide is 200 mg once daily with food.

    | Body weight | Dose for children |
    |---|---|
    | 10 kg to less than 30 kg | 5 mg/kg once daily |
    | 30 kg and over | 150 mg once daily |

    ## Missed Dose

    If a dose is missed, take it as soon as possible on the same day. Do not double the next dose.

    ## ADVERSE REACTIONS

    The most common adverse reaction to quellamide is dizziness.

    ## DRUG INTERACTIONS

    Taking zorfen with quellamide increases the risk of bleeding.

    ## CLINICAL PHARMACOLOGY

    Quellamide works by blocking the enzyme that makes uric acid.
    """

    static let glossary = """
    # Insurance glossary

    ## Copayment

    A fixed amount (for example, $20) you pay for a covered health care service.

    ## Coinsurance

    Your share of the costs of a covered service, as a percent (for example, 20%). For example, if the coinsurance is 20% and the bill for a coinsurance visit is $100, you pay $20.
    """

    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kq-understanding-\(UUID().uuidString)")
        let asker: Asker

        init(_ files: [(String, String)] = [("zorfen.md", UnderstandingTests.zorfen), ("quellamide.md", UnderstandingTests.quellamide),
                                            ("glossary.md", UnderstandingTests.glossary)]) throws {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for (name, text) in files {
                try Data(text.utf8).write(to: url.appendingPathComponent(name))
            }
            asker = try Asker(root: url)
        }

        deinit { try? FileManager.default.removeItem(at: url) }
    }

    let folder: Folder

    init() throws {
        folder = try Folder()
    }

    func ask(_ text: String) throws -> Answer {
        folder.asker.ask(text)
    }

    func cited(_ answer: Answer) -> Set<String> {
        Set(answer.citations.map(\.path))
    }

    // 1. Everyday words a folder lacks do not veto an answer; a missing name does.
    @Test func everydayWordsTheFolderLacksDoNotVetoAnAnswer() throws {
        let answer = try ask("hey, so what's the usual adult dose of quellamide, please?")
        #expect(answer.text.contains("200 mg"), "\(answer.text)")
        let metformin = try ask("What is the usual dose of metformin?")
        #expect(metformin.citations.isEmpty)
        #expect(metformin.text.contains("metformin"), "\(metformin.text)")
        // Two edits from “quellamide” is another name, not a slip.
        let other = try ask("What is the usual dose of esquellamide?")
        #expect(other.citations.isEmpty, "\(other.text)")
        #expect(other.text.contains("esquellamide"), "\(other.text)")
    }

    // 2. Only non-words are corrected, and a confident correction counts as the word meant.
    @Test func onlyNonWordsAreCorrectedAndAConfidentCorrectionCounts() throws {
        let asker = folder.asker
        // “walk” is one edit from “talk”, which the folder uses, and is English.
        #expect(asker.question("Can I walk after a dose of zorfen?").corrections.isEmpty)
        let answer = try ask("What are the side effects of zorfin?")
        #expect(answer.text.contains("nausea"), "\(answer.text)")
        #expect(cited(answer) == ["zorfen.md"])
    }

    // 3. A statement answers only for the subject it is about.
    @Test func answersComeFromTheSubjectAsked() throws {
        let zorfen = try ask("What are the most common side effects of zorfen?")
        #expect(zorfen.text.contains("nausea") && !zorfen.text.contains("dizziness"), "\(zorfen.text)")
        #expect(cited(zorfen) == ["zorfen.md"])
        let quellamide = try ask("What is the most common side effect of quellamide?")
        #expect(quellamide.text.contains("dizziness") && !quellamide.text.contains("nausea"), "\(quellamide.text)")
        let insulin = try ask("What are the side effects of insulin?")
        #expect(insulin.citations.isEmpty, "\(insulin.text)")
        #expect(insulin.text.contains("insulin"))
    }

    // 4. What is asked decides which fact answers, with headings as evidence.
    @Test func theFactAskedForAnswers() throws {
        let often = try ask("How often can I take zorfen?")
        #expect(often.text.contains("every 4 to 6 hours"), "\(often.text)")
        let missed = try ask("i forgot my quellamide this morning, what now?")
        #expect(missed.text.contains("as soon as possible"), "\(missed.text)")
        #expect(!missed.text.contains("200 mg"), "\(missed.text)")
        let works = try ask("How does quellamide work?")
        #expect(works.text.contains("uric acid"), "\(works.text)")
        let copay = try ask("What is a copay?")
        #expect(copay.text.contains("fixed amount"), "\(copay.text)")
        // A glossary entry opens with the meaning; its example comes after.
        let coinsurance = try ask("What does coinsurance mean?")
        #expect(coinsurance.text.contains("Your share of the costs"), "\(coinsurance.text)")
    }

    // 5. A quote keeps its frame, and qualifiers are matched to who is asked about.
    @Test func quotesKeepTheirFrameAndFitThePopulation() throws {
        let child = try ask("Can my 10 year old take zorfen?")
        #expect(child.text.contains("children under 12 years: ask a doctor"), "\(child.text)")
        #expect(child.text.contains("Directions"), "\(child.text)")
        #expect(!child.text.contains("12 years and over"), "\(child.text)")
        let stop = try ask("When should I stop using zorfen?")
        #expect(stop.text.contains("Stop use and ask a doctor if"), "\(stop.text)")
        #expect(stop.text.contains("chest pain"), "\(stop.text)")
        let weight = try ask("What dose of quellamide does a 20 kg child get?")
        #expect(weight.text.contains("5 mg/kg"), "\(weight.text)")
        #expect(weight.text.contains("Body weight: 10 kg to less than 30 kg"), "\(weight.text)")
    }

    // 6. A comparison gets a part per subject, each cited.
    @Test func aComparisonAnswersEachSubject() throws {
        let answer = try ask("Which has more side effects, zorfen or quellamide?")
        #expect(answer.text.contains("nausea") && answer.text.contains("dizziness"), "\(answer.text)")
        #expect(cited(answer) == ["zorfen.md", "quellamide.md"])
        let together = try ask("Can I take zorfen with quellamide?")
        #expect(together.text.contains("bleeding"), "\(together.text)")
    }

    // 8. A plugin's answer is held to the same rule: it must be about what was asked.
    @Test func noAnswererQuotesAnotherSubject() throws {
        let answer = try ask("What is the prednisone dose for adults?")
        #expect(answer.citations.isEmpty, "\(answer.text)")
        #expect(answer.text.contains("prednisone"))
    }

    // 5, again: a statement for a narrower group or another situation is not the answer, and
    // a label's abbreviation stands for what it abbreviates.
    static let brelorin = """
    # Brelorin Tablets: prescribing information

    ## INDICATIONS

    Brelorin lowers uric acid in gout and in chronic kidney disease (CKD).

    ## CLINICAL PHARMACOLOGY

    Brelorin is a structural analogue of hypoxanthine. It blocks xanthine oxidase, the enzyme that makes uric acid.

    ## Uric Acid Targets

    For patients with CKD and kidney stones on dialysis, the uric acid target may be lowered depending on stone type and dialysis schedule.

    In patients with CKD, keep uric acid below 6 mg/dL.

    ## Information for Patients

    Patients should be told the following. If a single dose of brelorin is occasionally forgotten, there is no need to double the dose at the next scheduled time.

    ## This sheet is for the use of brelorin by infusion in patients weighing 3.5 kg to less than 40 kg.

    - Give each brelorin infusion over 30 to 60 minutes.
    - Repeat once daily for 5 days.

    ## ADVERSE REACTIONS

    The most frequent adverse reaction to brelorin is rash. Past experience suggested that the most frequent event following the start of brelorin treatment was an increase in gout flares (average 6% in early studies).

    ### Most Common Reactions

    Early clinical studies suggested that these reactions occur at a rate above 1%. The most frequent event observed was gout flares following the start of therapy.
    """

    static let lowCostCare = """
    # Where can I get free or low-cost care?

    If you can't afford any health plan, you can get free or low-cost care at a community health center.
    """

    static let allowedAmount = """
    # Insurance terms

    ## Allowed amount

    The most your health insurance plan pays for a covered service: for example, $100 for an office visit.

    ## Copayment

    A fixed amount (for example, $20) you pay your insurance plan for a covered health care service.
    """

    @Test func statementsForANarrowerGroupOrAnotherSituationLose() throws {
        let folder = try Folder([("brelorin.md", Self.brelorin), ("care.md", Self.lowCostCare), ("terms.md", Self.allowedAmount)])
        let target = folder.asker.ask("What uric acid target should brelorin keep in chronic kidney disease?")
        // The statement for the group asked about comes first; one for a narrower group may follow.
        #expect(target.text.hasPrefix("In patients with CKD, keep uric acid below 6 mg/dL."), "\(target.text)")
        // An abbreviation's meaning is where a document spells it out.
        let ckd = folder.asker.ask("what does CKD stand for?")
        #expect(ckd.text.contains("chronic kidney disease (CKD)"), "\(ckd.text)")
        let common = folder.asker.ask("What is the most common side effect of brelorin?")
        #expect(common.text.contains("rash"), "\(common.text)")
        // A sentence that points back comes with the one it points to.
        let works = folder.asker.ask("How does brelorin work?")
        #expect(works.text.contains("Brelorin is a structural analogue of hypoxanthine. It blocks xanthine oxidase"), "\(works.text)")
        // A missed dose however the day is told, and no verdict on “should i take 2”.
        let missed = folder.asker.ask("forgot my brelorin yesterday morning, should i take 2 today to catch up??")
        #expect(missed.text.hasPrefix("Missed dose: If a single dose of brelorin is occasionally forgotten"), "\(missed.text)")
        #expect(!missed.text.contains("Whether it is safe"), "\(missed.text)")
        // A heading that is a sentence frames nothing: its facts would not be in the citation.
        let infusion = folder.asker.ask("how long does a brelorin infusion take?")
        #expect(infusion.text.contains("over 30 to 60 minutes") && !infusion.text.contains("3.5 kg"), "\(infusion.text)")
        let uninsured = folder.asker.ask("where can i get cheap care if i have no insurance")
        #expect(uninsured.text.contains("community health center"), "\(uninsured.text)")
        #expect(!uninsured.text.contains("$"), "\(uninsured.text)")
    }

    // 6, again: an interaction is stated where one label names the other drug or its class.
    static let tolvarin = """
    # Tolvarin Sodium Tablets: prescribing information

    ## DESCRIPTION

    Tolvarin sodium is an anticoagulant that acts by inhibiting clotting factors.

    ## DOSAGE

    The usual starting dose is 5 mg once daily.
    """

    static let ambrexin = """
    # Ambrexin Capsules: prescribing information

    ## DRUG INTERACTIONS

    Concomitant use of ambrexin and oral anticoagulants may increase the prolongation of prothrombin time.

    ## ADVERSE REACTIONS

    The most common adverse reactions are diarrhea and rash.
    """

    @Test func anInteractionIsFoundThroughTheOtherDrugsClass() throws {
        let folder = try Folder([("tolvarin.md", Self.tolvarin), ("ambrexin.md", Self.ambrexin), ("glossary.md", Self.glossary)])
        let answer = folder.asker.ask("Can I take ambrexin with tolvarin for a sinus infection?")
        #expect(answer.text.contains("prothrombin time"), "\(answer.text)")
        #expect(Set(answer.citations.map(\.path)) == ["ambrexin.md"], "\(answer.text)")
    }

    // A part of a comparison whose section shares the question's words, but no statement of
    // it does, is silent on it.
    @Test func aComparedSubjectWithoutTheStatementIsSaidToBeSilent() throws {
        let folder = try Folder([
            ("dravex.md", "# Dravex Tablets: Drug Facts\n\n## Uses\n\nRelieves minor aches and pains.\n\n## Warnings\n\nHeart attack and stroke warning: dravex may increase the risk of heart attack and stroke.\n\n## Directions\n\nTake 1 tablet every 6 hours.\n"),
            ("molvane.md", "# Molvane Tablets: Drug Facts\n\n## Uses\n\nLowers uric acid in gout.\n\n## Warnings\n\nAsk a doctor before use if you have heart disease. People who had a stroke were not studied. Do not use after an attack of gout.\n\n## Directions\n\nTake 1 tablet daily.\n"),
            ("glossary.md", Self.glossary),
        ])
        let answer = folder.asker.ask("Which one has a heart attack and stroke warning, dravex or molvane?")
        #expect(answer.text.contains("Heart attack and stroke warning: dravex"), "\(answer.text)")
        #expect(answer.text.contains("says nothing on this for molvane"), "\(answer.text)")
    }
}
