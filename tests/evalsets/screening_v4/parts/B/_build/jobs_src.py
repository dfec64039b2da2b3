"""Job postings for part B (journalism/communications and energy)."""

JOBS = [
    {
        "key": "news-reporter",
        "title": "News Reporter",
        "description": (
            "The Riverside Courier is a regional daily newspaper and news website covering a city of 400,000 "
            "people and the towns around it. We are looking for a News Reporter to join a newsroom of twenty "
            "journalists and help us break the stories our readers care about: courts, councils, crime, health, "
            "housing and the people behind the headlines.\n\n"
            "You will find and chase your own stories, build a contacts book across the patch, attend council "
            "meetings, inquests and court hearings, and turn copy around quickly for web, print and our morning "
            "newsletter. On a typical day you might doorstep a witness, file a breaking news update from the "
            "scene, interview a cabinet member by phone and dig through planning documents or a Freedom of "
            "Information response for an exclusive. You will shoot basic photos and short mobile video when "
            "there is no photographer available, and you will share stories on social media.\n\n"
            "We need someone who knows what makes news, writes clear and accurate copy to deadline, and "
            "understands the legal limits of reporting: contempt of court, defamation and the Editors' Code. "
            "Shorthand at 100wpm is strongly preferred because much of our work is in court. You will work "
            "a rota that includes some evenings and weekends, and a full driving licence is helpful for "
            "getting around the patch.\n\n"
            "In return we offer mentoring from senior reporters, support for your NCTJ senior exam, and the "
            "chance to see your byline on the front page."
        ),
        "requirements": [
            "NCTJ Diploma in Journalism or equivalent newsroom experience",
            "Proven ability to find original stories and develop contacts",
            "Shorthand at 100wpm or willingness to reach it within a year",
            "Sound knowledge of media law, court reporting restrictions and the Editors' Code",
            "Fast, accurate news writing to tight deadlines for web and print",
            "Confident interviewing in person and by phone, including in sensitive situations",
            "Comfortable with social media, mobile video and basic photography",
            "Full driving licence preferred",
        ],
        "skills": [
            {"name": "news writing", "weight": 5},
            {"name": "story finding and contacts", "weight": 5},
            {"name": "interviewing", "weight": 4},
            {"name": "court and council reporting", "weight": 4},
            {"name": "media law", "weight": 4},
            {"name": "shorthand (Teeline)", "weight": 3},
            {"name": "Freedom of Information requests", "weight": 3},
            {"name": "breaking news", "weight": 3},
            {"name": "mobile video and photography", "weight": 2},
            {"name": "social media", "weight": 2},
        ],
    },
    {
        "key": "sub-editor",
        "title": "Sub-Editor",
        "description": (
            "Halden Press publishes three weekly magazines and a national news and features website. Our "
            "production desk is where copy becomes a finished page, and we are hiring a Sub-Editor to join it.\n\n"
            "You will take copy from reporters and contributors and make it right: checking facts, names, "
            "figures and spelling, cutting to length, restructuring where a story has buried its best line, "
            "and making sure everything follows our house style. You will write headlines, standfirsts, "
            "captions, pull quotes and SEO titles that make readers want to click or turn the page, and you "
            "will lay out pages in Adobe InDesign and publish articles in our WordPress-based CMS. You are the "
            "last line of defence against legal risk, so you will spot possible defamation, contempt or "
            "privacy problems and raise them with the duty editor or our lawyers.\n\n"
            "The desk works shifts, including a late shift that closes the print edition, so you must be calm "
            "under deadline pressure and able to juggle several pages at once. You will also help revise the "
            "style guide, proofread final PDFs before they go to the printer, and coach junior reporters on "
            "writing tighter copy.\n\n"
            "Experience on a newspaper, magazine or digital production desk is essential. We are a friendly "
            "team that takes accuracy seriously and we offer training in InDesign and media law refreshers."
        ),
        "requirements": [
            "At least two years on a newspaper, magazine or online production/subbing desk",
            "Excellent English grammar, spelling and punctuation and a sharp eye for detail",
            "Strong headline, standfirst and caption writing, including for SEO",
            "Working knowledge of Adobe InDesign and a web CMS such as WordPress",
            "Good grasp of media law (defamation, contempt, privacy) and the Editors' Code",
            "Experience applying and maintaining a house style guide",
            "Able to work shifts and stay accurate under deadline pressure",
        ],
        "skills": [
            {"name": "copy editing", "weight": 5},
            {"name": "headline writing", "weight": 5},
            {"name": "proofreading", "weight": 4},
            {"name": "fact-checking", "weight": 4},
            {"name": "house style", "weight": 3},
            {"name": "page layout (Adobe InDesign)", "weight": 3},
            {"name": "media law", "weight": 3},
            {"name": "CMS publishing (WordPress)", "weight": 3},
            {"name": "SEO headlines", "weight": 2},
        ],
    },
    {
        "key": "press-officer",
        "title": "Press Officer",
        "description": (
            "Northvale Health Partnership runs four hospitals and community services across a large county. "
            "Our communications team is looking for a Press Officer to protect and promote our reputation "
            "with local, national and trade media.\n\n"
            "You will be the first point of contact for journalists, handling a busy press desk: answering "
            "enquiries, drafting statements and reactive lines, and making sure we respond accurately and on "
            "time. You will write press releases that land in the news, pitch positive stories about patients "
            "and staff, organise photocalls and media visits, and brief and prepare spokespeople, from "
            "consultants to the chief executive, before interviews. You will monitor coverage every day, log "
            "enquiries and report on results using our media monitoring tools.\n\n"
            "When things go wrong you will help manage the response: agreeing holding statements, working with "
            "clinical and legal colleagues, and keeping messages consistent across the press office, social "
            "media and internal channels. You will take part in the out-of-hours on-call rota.\n\n"
            "We are looking for someone with experience in a press office, PR agency or newsroom who "
            "understands what journalists need and can write crisp, accurate copy quickly. Public sector "
            "experience and an understanding of patient confidentiality would be a real advantage. A CIPR "
            "qualification is welcome but not essential."
        ),
        "requirements": [
            "Experience in a press office, PR agency or communications team handling media enquiries",
            "Excellent writing skills for press releases, statements and briefings",
            "Strong media relations and an understanding of how newsrooms work",
            "Experience of issues and crisis communications",
            "Ability to brief and prepare spokespeople for interviews",
            "Experience with media monitoring and evaluation",
            "Willingness to join an out-of-hours on-call rota",
            "CIPR or similar qualification desirable",
        ],
        "skills": [
            {"name": "press releases", "weight": 5},
            {"name": "media relations", "weight": 5},
            {"name": "reactive statements", "weight": 4},
            {"name": "crisis communications", "weight": 4},
            {"name": "spokesperson briefing", "weight": 3},
            {"name": "media monitoring (Meltwater, Cision)", "weight": 3},
            {"name": "stakeholder communications", "weight": 2},
            {"name": "social media", "weight": 2},
            {"name": "photocalls and media events", "weight": 2},
        ],
    },
    {
        "key": "wind-turbine-technician",
        "title": "Wind Turbine Technician",
        "description": (
            "Skerry Wind Services maintains more than 300 onshore and offshore wind turbines for utility and "
            "community owners in Scotland and northern England. We are recruiting Wind Turbine Technicians to "
            "join our field teams.\n\n"
            "Working in pairs, you will climb turbines to carry out scheduled servicing and fault-finding on "
            "the drivetrain, gearbox, yaw and pitch systems, hydraulics, generators and converters. You will "
            "torque and tension bolted joints, change oils and filters, replace components, inspect blades "
            "and follow electrical isolation procedures before working on low and medium voltage equipment. "
            "You will use the turbine controller and the SCADA alarm history to diagnose faults, and record "
            "every job accurately in our maintenance system so that availability stays high.\n\n"
            "Safety comes first. You must hold, or be willing to gain, GWO Basic Safety Training (working at "
            "height, first aid, manual handling, fire awareness and, for offshore sites, sea survival) and be "
            "comfortable climbing 80 metre towers and working in confined spaces in all weathers. Offshore "
            "work runs on a rotation with crew transfer vessel access.\n\n"
            "We want people with a recognised mechanical or electrical qualification and hands-on maintenance "
            "experience, whether from wind, the armed forces, manufacturing, marine or aviation. Training on "
            "specific turbine platforms is provided."
        ),
        "requirements": [
            "Level 3 qualification or apprenticeship in electrical, mechanical or electromechanical engineering",
            "GWO Basic Safety Training (or willingness to complete before start)",
            "Hands-on experience maintaining and fault-finding industrial equipment",
            "Comfortable working at height, in confined spaces and outdoors in all weathers",
            "Safe isolation of electrical systems and understanding of LOTO procedures",
            "Able to read electrical schematics and hydraulic diagrams",
            "Full driving licence; willing to travel and work offshore rotations",
        ],
        "skills": [
            {"name": "turbine servicing and maintenance", "weight": 5},
            {"name": "electrical fault-finding", "weight": 5},
            {"name": "working at height (GWO)", "weight": 4},
            {"name": "hydraulics", "weight": 3},
            {"name": "gearbox and drivetrain maintenance", "weight": 3},
            {"name": "bolt torquing and tensioning", "weight": 3},
            {"name": "SCADA alarm diagnosis", "weight": 2},
            {"name": "blade inspection", "weight": 2},
            {"name": "safe isolation / LOTO", "weight": 4},
        ],
    },
    {
        "key": "domestic-energy-assessor",
        "title": "Domestic Energy Assessor",
        "description": (
            "Brightwell Retrofit helps landlords, housing associations and homeowners make homes warmer and "
            "cheaper to run. We are looking for a Domestic Energy Assessor to carry out energy surveys of "
            "houses and flats across the Midlands.\n\n"
            "You will visit homes by appointment, survey the construction, insulation, windows, heating system, "
            "hot water, ventilation and lighting, take measurements and photographic evidence, and produce "
            "Energy Performance Certificates using RdSAP software. For our retrofit projects you will also carry "
            "out more detailed assessments that feed into PAS 2035 retrofit plans, identifying damp, "
            "ventilation and condensation risks and recommending measures such as loft and wall insulation, "
            "heat pumps and solar panels.\n\n"
            "You will explain findings to residents in plain language, many of whom are worried about bills, "
            "and you will keep accurate records to pass audits by your accreditation scheme. Most days involve "
            "four to six visits, so good time management and a full driving licence are essential.\n\n"
            "You should hold the Level 3 Diploma in Domestic Energy Assessment (or be close to completing it) "
            "and be a member of an accreditation scheme, or be willing to join one. A Retrofit Assessor "
            "qualification, a background in surveying, building or heating trades, and enhanced DBS clearance "
            "are all advantages."
        ),
        "requirements": [
            "Level 3 Diploma in Domestic Energy Assessment",
            "Membership of an EPC accreditation scheme (e.g. Elmhurst, Stroma, Quidos)",
            "Experience producing EPCs with RdSAP software",
            "Knowledge of building construction, insulation and heating systems",
            "Level 5 Retrofit Assessor / PAS 2035 experience desirable",
            "Clear communication with residents and landlords",
            "Full driving licence and enhanced DBS check",
        ],
        "skills": [
            {"name": "EPC assessment (RdSAP)", "weight": 5},
            {"name": "home energy surveys", "weight": 5},
            {"name": "building fabric and insulation", "weight": 4},
            {"name": "heating systems knowledge", "weight": 3},
            {"name": "PAS 2035 retrofit assessment", "weight": 3},
            {"name": "damp and ventilation assessment", "weight": 3},
            {"name": "customer communication", "weight": 3},
            {"name": "report writing and evidence", "weight": 2},
        ],
    },
    {
        "key": "grid-control-engineer",
        "title": "Grid Control Engineer",
        "description": (
            "Eastmere Networks operates the electricity distribution network for 1.8 million homes and "
            "businesses. Our control centre runs 24 hours a day, and we are recruiting a Grid Control Engineer "
            "to join one of its shift teams.\n\n"
            "You will monitor and control the 132kV, 33kV and 11kV network in real time from our SCADA and "
            "network management system (ADMS). You will plan and issue switching schedules for planned outages, "
            "authorise and co-ordinate field staff under the Distribution Safety Rules, and respond to faults "
            "by isolating damaged sections and restoring supply to customers as quickly as possible. You will "
            "manage voltage and thermal constraints, co-ordinate with the transmission system operator and "
            "with embedded generators such as wind and solar farms, and increasingly use flexibility services "
            "to keep the network within limits.\n\n"
            "During storms you will be part of the incident response, prioritising restoration and keeping "
            "customer teams informed. Accurate logs and clear communication on the phone and radio are vital.\n\n"
            "You will have an electrical engineering degree or HNC/HND, experience of high-voltage systems, "
            "and ideally authorisation as a Senior Authorised Person. Knowledge of power system protection and "
            "load flow is important. Full training on our systems is provided, and you must be willing to work "
            "a rotating shift pattern including nights and weekends."
        ),
        "requirements": [
            "Degree, HND or HNC in electrical or power engineering",
            "Experience operating or working on HV distribution or transmission networks",
            "Knowledge of switching, isolation and earthing under safety rules",
            "Senior Authorised Person (SAP) authorisation or ability to achieve it",
            "Understanding of power system protection, voltage control and load flow",
            "Experience with SCADA / network management systems",
            "Able to make calm decisions under pressure and work 24/7 shifts",
        ],
        "skills": [
            {"name": "network switching and outage planning", "weight": 5},
            {"name": "SCADA / ADMS operation", "weight": 5},
            {"name": "fault management and supply restoration", "weight": 5},
            {"name": "HV safety rules (SAP)", "weight": 4},
            {"name": "power system protection", "weight": 3},
            {"name": "voltage and constraint management", "weight": 3},
            {"name": "load flow analysis", "weight": 2},
            {"name": "distributed generation and flexibility", "weight": 2},
            {"name": "incident co-ordination", "weight": 3},
        ],
    },
]
