"""Writes /work/v5/B/jobs.json from the posting texts below."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "jobs.json")


def req(*lines):
    return "\n".join("- " + l for l in lines)


JOBS = [
    {
        "key": "external-auditor",
        "title": "Audit Senior",
        "description": (
            "Thornbury Kellaway LLP is an independent firm of chartered accountants with offices in Manchester, "
            "Leeds and Chester, acting for around 900 owner-managed businesses, charities and academy trusts across "
            "the North West of England. We are looking for an Audit Senior to join our Manchester audit and "
            "assurance department.\n\n"
            "You will run statutory audits of private companies and groups with turnover of GBP 5m to GBP 150m, "
            "mainly in manufacturing, wholesale, property and the not-for-profit sector. Day to day you will plan "
            "assignments, assess risk and set materiality, lead a team of two to four trainees on site or remotely, "
            "review their working papers, and carry out the more judgemental areas yourself: revenue recognition, "
            "stock valuation, going concern and group consolidations. You will draft the audit findings and "
            "management letter, prepare statutory accounts under FRS 102, and discuss the key issues with the "
            "manager and responsible individual before clearing points with client finance teams.\n\n"
            "Audits run on CaseWare with our own methodology, and we use data analytics tools for journal testing. "
            "You will work closely with our corporate tax team, who prepare the tax computations and deferred tax "
            "notes for many of your clients, and you will often be the first contact for the financial controllers "
            "and management accountants on the client side.\n\n"
            "We offer hybrid working (two days in the office outside the busy season), study support for those "
            "completing their qualification, 25 days' holiday and a clear path to Audit Supervisor and Assistant "
            "Manager. Salary GBP 38,000 to GBP 46,000 depending on experience."
        ),
        "requirements": req(
            "ACA, ACCA or ICAS qualified, or finalist, with at least 3 years' external audit experience in practice",
            "Experience of leading audit fieldwork and supervising junior staff",
            "Sound working knowledge of ISAs (UK) and FRS 102; FRS 105 and charities SORP an advantage",
            "Able to prepare statutory accounts and group consolidations",
            "Confident using CaseWare or similar audit software and Excel",
            "Clear written reporting and good client relationship skills",
            "Full UK driving licence (some client sites are not reachable by public transport)",
        ),
        "skills": [
            {"name": "External audit (statutory audit fieldwork)", "weight": 3.0},
            {"name": "ISAs (UK) and audit methodology", "weight": 2.5},
            {"name": "FRS 102 / UK GAAP financial reporting", "weight": 2.5},
            {"name": "ACA / ACCA / ICAS qualification", "weight": 2.0},
            {"name": "Team supervision and review of working papers", "weight": 2.0},
            {"name": "Statutory accounts preparation and consolidations", "weight": 1.5},
            {"name": "CaseWare audit software", "weight": 1.0},
            {"name": "Client relationship management", "weight": 1.5},
            {"name": "Risk assessment and materiality", "weight": 1.5},
        ],
    },
    {
        "key": "tax-accountant",
        "title": "Tax Accountant (Corporate and Personal Tax)",
        "description": (
            "Hartnett O'Shea & Co. is a chartered accountancy practice in Cork with 60 staff, serving SMEs, family "
            "businesses, farmers, landlords and high-net-worth individuals throughout Munster. Our tax department "
            "is growing and we want an experienced Tax Accountant to look after a mixed portfolio of corporate and "
            "personal tax clients.\n\n"
            "You will prepare and review corporation tax returns (CT1) for trading and investment companies, "
            "including close company surcharge, R&D tax credit claims and capital allowances; prepare Form 11 "
            "income tax returns for self-employed clients, directors and landlords; and deal with capital gains tax "
            "and capital acquisitions tax on disposals, gifts and inheritances. You will handle VAT returns and "
            "RCT for some construction clients, respond to Revenue queries and aspect queries, and help with "
            "Revenue audits alongside a partner. Advisory work includes retirement relief, business asset transfers, "
            "and tax-efficient remuneration for company directors.\n\n"
            "Much of the information you rely on comes from the year-end accounts, so you will work hand in hand "
            "with our audit and accounts team, agreeing tax computations and the tax notes in the financial "
            "statements, and you will liaise with clients' own bookkeepers and management accountants on the "
            "figures. We use Revenue Online Service (ROS), CCH for computations and our own workflow "
            "system to track deadlines.\n\n"
            "The role is hybrid (three days in our Cork office), with flexible hours outside the October and "
            "November deadlines. We pay for the Irish Tax Institute AITI qualification and offer a salary of "
            "EUR 50,000 to EUR 65,000, pension contribution and health insurance."
        ),
        "requirements": req(
            "Qualified accountant (ACA, ACCA, CPA) and/or Chartered Tax Adviser (AITI CTA), or part-qualified with strong experience",
            "At least 3 years' experience in Irish corporate and personal tax in practice",
            "Sound knowledge of corporation tax, income tax, CGT, CAT and VAT",
            "Confident with ROS filings, Form 11 and CT1 returns",
            "Experience dealing with Revenue queries and audits",
            "Good Excel and tax software skills (CCH or similar)",
            "Able to explain tax clearly to clients and manage deadlines",
        ),
        "skills": [
            {"name": "Corporation tax compliance (CT1 returns)", "weight": 3.0},
            {"name": "Personal income tax (Form 11, self-assessment)", "weight": 2.5},
            {"name": "Capital gains tax and capital acquisitions tax", "weight": 2.0},
            {"name": "Chartered Tax Adviser (AITI / CTA) or ACA/ACCA", "weight": 2.0},
            {"name": "Revenue Online Service (ROS)", "weight": 1.5},
            {"name": "VAT and RCT", "weight": 1.5},
            {"name": "Tax planning and advisory (reliefs, remuneration)", "weight": 1.5},
            {"name": "Revenue audits and queries", "weight": 1.5},
            {"name": "CCH tax software", "weight": 0.5},
        ],
    },
    {
        "key": "management-accountant",
        "title": "Management Accountant",
        "description": (
            "Calder Precision Castings Ltd makes aluminium and steel castings and machined parts for the "
            "automotive, agricultural and rail industries from two sites in Walsall and Telford, with 420 employees "
            "and turnover of GBP 68m. We are recruiting a Management Accountant to join a finance team of nine, "
            "reporting to the Financial Controller.\n\n"
            "You will own product costing and the monthly management accounts for the Walsall foundry. That means "
            "maintaining standard costs and bills of materials in our ERP system (SAP Business One), running the "
            "month-end close to working day five, preparing the P&L, balance sheet and cash flow pack, and "
            "explaining material price, usage, labour efficiency and overhead variances to the operations and "
            "commercial managers. You will lead the annual budget and quarterly reforecasts with department heads, "
            "support quotations with margin analysis, and help value stock and work in progress at the half-year "
            "and year-end stock counts.\n\n"
            "You will spend a lot of time on the shop floor with production and engineering, and you will be the "
            "main contact for our external auditors during the year-end audit, preparing the stock and WIP "
            "schedules and reconciliations they need. You will also provide figures to our tax advisers for the "
            "annual R&D tax credit claim and capital allowances.\n\n"
            "We are looking for someone commercially minded who can turn numbers into clear decisions. Power BI "
            "reporting is being rolled out, and you will help shape it. Salary GBP 45,000 to GBP 52,000, bonus, "
            "hybrid working one day a week, and CIMA or ACCA study support."
        ),
        "requirements": req(
            "CIMA or ACCA qualified, or finalist, with management accounting experience in manufacturing",
            "Strong knowledge of standard costing, absorption costing and variance analysis",
            "Experience producing monthly management accounts and running month-end",
            "Experience of budgeting and forecasting with non-finance managers",
            "Advanced Excel; experience of an ERP system (SAP Business One, Sage X3 or similar)",
            "Stock and WIP valuation and stock count experience",
            "Power BI or similar reporting tools an advantage",
        ),
        "skills": [
            {"name": "Product costing and standard costing", "weight": 3.0},
            {"name": "Variance analysis", "weight": 2.5},
            {"name": "Monthly management accounts and month-end close", "weight": 2.5},
            {"name": "Budgeting and forecasting", "weight": 2.0},
            {"name": "CIMA / ACCA qualification", "weight": 2.0},
            {"name": "Stock and WIP valuation", "weight": 1.5},
            {"name": "Advanced Excel", "weight": 1.5},
            {"name": "ERP systems (SAP Business One)", "weight": 1.0},
            {"name": "Power BI reporting", "weight": 0.5},
        ],
    },
    {
        "key": "dental-nurse",
        "title": "Dental Nurse",
        "description": (
            "Kingsmead Dental Care is a busy mixed NHS and private practice in Norwich with six surgeries, five "
            "dentists, two dental hygienists and a friendly reception team led by our practice manager. We are "
            "looking for a qualified Dental Nurse to join us full time (four or five days, no weekends).\n\n"
            "You will provide chairside support to dentists during examinations, fillings, root canal treatment, "
            "extractions, crown and bridge work and some implant cases. You will prepare and clean down the "
            "surgery, set out instruments and materials, mix materials, manage moisture control and suction, "
            "record charting and notes accurately on Software of Excellence, and look after anxious patients. "
            "Decontamination is a big part of the job: you will process instruments through our LDR in line with "
            "HTM 01-05, carry out and record autoclave and washer-disinfector tests, and keep the surgery cross-"
            "infection compliant. Some days you will also assist our hygienists and help on reception when the "
            "front desk is busy.\n\n"
            "We support nurses who want to extend their skills: we fund courses in radiography, impression taking, "
            "oral health education and fluoride varnish application, and we have had nurses go on to train as "
            "hygienists and therapists.\n\n"
            "Our practice manager runs a clear rota, monthly team meetings and CPD days, and the practice was rated "
            "Good by the CQC in all areas. Pay is GBP 12.80 to GBP 14.50 an hour depending on experience, with "
            "GDC fees paid, uniforms provided, free dental treatment for you and your family, and a staff bonus "
            "twice a year."
        ),
        "requirements": req(
            "Qualified Dental Nurse registered with the GDC (NEBDN National Diploma, NVQ Level 3 or equivalent)",
            "Chairside experience in general dental practice",
            "Good understanding of cross-infection control and HTM 01-05 decontamination",
            "Up-to-date CPD, including medical emergencies and safeguarding",
            "Hepatitis B immunity",
            "Experience with Software of Excellence (SOE) or similar dental software is an advantage",
            "Friendly, calm manner with nervous patients",
        ),
        "skills": [
            {"name": "Chairside assisting", "weight": 3.0},
            {"name": "GDC registration / NEBDN qualification", "weight": 2.5},
            {"name": "Cross-infection control and decontamination (HTM 01-05)", "weight": 2.5},
            {"name": "Patient care and reassuring anxious patients", "weight": 2.0},
            {"name": "Dental charting and clinical records", "weight": 1.5},
            {"name": "Surgery preparation and instrument handling", "weight": 1.5},
            {"name": "Dental software (Software of Excellence)", "weight": 1.0},
            {"name": "Extended duties (radiography, impressions, OHE)", "weight": 1.0},
        ],
    },
    {
        "key": "dental-hygienist",
        "title": "Dental Hygienist",
        "description": (
            "Lindenfield Dental Practice in Cheltenham is a private, award-winning practice with four dentists, "
            "a visiting periodontist and a team of eight dental nurses. Our hygiene department sees a large "
            "periodontal caseload and we are looking for a Dental Hygienist (or Hygienist-Therapist) for three "
            "to four days a week, with our own dedicated hygiene nurse support on every session.\n\n"
            "You will run your own hygiene book of 40-minute appointments: periodontal assessment with BPE and "
            "six-point pocket charting, staging and grading under the 2017 BSP classification, non-surgical "
            "periodontal therapy, supragingival and subgingival debridement with ultrasonic and hand "
            "instrumentation, and Guided Biofilm Therapy with our EMS Airflow units. You will give tailored oral "
            "hygiene instruction, smoking cessation and diet advice, apply fluoride varnish and fissure sealants, "
            "take radiographs on prescription, and keep careful notes in Dentally. We work to direct access where "
            "appropriate and you will refer complex cases to our periodontist.\n\n"
            "You will work closely with our dentists on treatment plans, and with our dental nurses, who support "
            "your sessions and take part in oral health education. Our practice manager looks after your diary, "
            "membership plan patients and recall system, and supports you with CPD planning and appraisals.\n\n"
            "We offer GBP 38 to GBP 45 per hour depending on experience, GDC and indemnity contributions, a CPD "
            "allowance, and a modern surgery with a new Cavitron and loupes of your choice. Candidates with "
            "therapy qualifications are welcome to use them."
        ),
        "requirements": req(
            "Diploma or degree in Dental Hygiene (or Hygiene and Therapy), GDC registered as a Dental Hygienist",
            "Confident in periodontal assessment, charting and non-surgical periodontal therapy",
            "Familiar with the BSP 2017 classification and BSP S3 guidelines",
            "Ultrasonic and hand scaling; Guided Biofilm Therapy / Airflow experience an advantage",
            "Able to take radiographs and apply fluoride varnish and fissure sealants",
            "Experience with Dentally or other practice software",
            "Current indemnity and up-to-date CPD",
        ),
        "skills": [
            {"name": "Periodontal assessment and charting (BPE, pocket charts)", "weight": 3.0},
            {"name": "Non-surgical periodontal therapy / debridement", "weight": 3.0},
            {"name": "GDC registration as Dental Hygienist", "weight": 2.5},
            {"name": "Oral hygiene instruction and prevention advice", "weight": 2.0},
            {"name": "BSP 2017 classification", "weight": 1.5},
            {"name": "Guided Biofilm Therapy / Airflow", "weight": 1.0},
            {"name": "Dental radiography", "weight": 1.0},
            {"name": "Fluoride varnish and fissure sealants", "weight": 1.0},
            {"name": "Dentally practice software", "weight": 0.5},
        ],
    },
    {
        "key": "dental-practice-manager",
        "title": "Dental Practice Manager",
        "description": (
            "Kingsmead Dental Care is a six-surgery mixed NHS and private practice in Norwich with a team of 24: "
            "five dentists, two dental hygienists, nine dental nurses and four receptionists. Our long-serving "
            "manager is retiring and we are looking for a Practice Manager to run the business side of the "
            "practice so our clinicians can focus on patients.\n\n"
            "You will manage the reception team and, with our lead nurse, the dental nurse rota, covering "
            "recruitment, inductions, appraisals, absence and performance. You will keep the practice compliant "
            "with CQC standards, run our compliance system (iComply), make sure GDC registrations, indemnity, "
            "hepatitis B records and CPD are in date for everyone, and lead on complaints, health and safety, "
            "infection control audits and information governance.\n\n"
            "On the business side you will monitor the NHS contract and UDA delivery, grow our private and "
            "membership plan income, manage the appointment book and hygienist diaries to reduce gaps and failed "
            "appointments, control stock and supplier costs, and produce monthly figures for the principal dentist "
            "and our accountants. You will process payroll information, look after the patient experience and "
            "online reviews, and deal with the NHS Business Services Authority.\n\n"
            "You will be comfortable with Software of Excellence reporting and Excel. Dental experience is a strong "
            "advantage, and many good practice managers started as dental nurses, but we will also consider "
            "managers from other healthcare settings. Salary GBP 36,000 to GBP 42,000, plus bonus linked to "
            "practice performance, Monday to Friday."
        ),
        "requirements": req(
            "At least 2 years' experience managing a dental practice or a similar healthcare or service team",
            "Good knowledge of CQC regulations and dental compliance (HTM 01-05, IRMER, GDC requirements)",
            "Understanding of the NHS dental contract, UDAs and private membership plans",
            "HR experience: recruitment, rotas, appraisals, absence and disciplinary matters",
            "Confident with figures: budgets, KPIs, stock control, payroll information",
            "Software of Excellence (SOE) or similar practice management software, Excel",
            "A recognised management qualification (e.g. ILM, Level 5 Diploma in Dental Practice Management) is an advantage",
        ),
        "skills": [
            {"name": "Dental practice management", "weight": 3.0},
            {"name": "CQC compliance and clinical governance", "weight": 2.5},
            {"name": "Team leadership and HR (rotas, recruitment, appraisals)", "weight": 2.5},
            {"name": "NHS dental contract and UDA monitoring", "weight": 2.0},
            {"name": "Business and financial management (KPIs, budgets)", "weight": 2.0},
            {"name": "Patient experience and complaints handling", "weight": 1.5},
            {"name": "Software of Excellence / practice software", "weight": 1.0},
            {"name": "Private membership plans", "weight": 1.0},
            {"name": "Management qualification (ILM / Level 5)", "weight": 0.5},
        ],
    },
]

if __name__ == "__main__":
    for j in JOBS:
        n = len(j["description"].split())
        assert 150 <= n <= 300, (j["key"], n)
        assert 6 <= len(j["skills"]) <= 10
        assert all(0.5 <= s["weight"] <= 3.0 for s in j["skills"])
        print(j["key"], n, "words")
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(JOBS, f, indent=2, ensure_ascii=False)
    print("wrote", os.path.abspath(OUT))
