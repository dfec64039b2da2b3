# ruff: noqa: E501
"""CV texts, lending/banking family. Markup for docx/pdf: first line is the name,
'# ' starts a heading, '- ' a bullet, blank lines separate paragraphs. .txt files are written as is."""

TEXTS = {}

TEXTS["Priya_Bhatt_CV"] = """Priya Bhatt
Leeds, UK | priya.bhatt@mail.example | 07700 900134

# Profile
Credit Risk Analyst with four years in commercial lending at a UK challenger bank. I spread and analyse financial statements of SME and mid-market borrowers, assign internal risk grades, and write credit papers for the Credit Committee. Comfortable with PD/LGD concepts, IFRS 9 staging and portfolio monitoring, and I build my own analysis in SQL and Python.

# Experience
Credit Risk Analyst, Pennine Commerce Bank, Leeds (Mar 2022 - present)
- Review 8-12 new and renewal lending applications a month (GBP 250k - 6m), from manufacturing, logistics and care homes
- Spread three years of accounts and management figures in Moody's CreditLens; model debt service cover and gearing under downside cases
- Write credit papers with a clear recommendation and conditions; present to Credit Committee
- Run the monthly early-warning report on the SME book: covenant breaches, overdraft hardcore, late filings at Companies House
- Support quarterly IFRS 9 ECL: stage allocation review, overlays for the care sector, reconciliation to Finance
- Built a SQL and Power BI dashboard for sector concentration against risk appetite limits

Graduate Analyst, Risk Rotation, Pennine Commerce Bank (Sep 2020 - Feb 2022)
- Six months each in Collections, Model Risk and Credit Risk
- Helped the model validation team back-test the small business scorecard (Gini, PSI)

# Education
BSc Economics, University of Leeds, 2020 (2:1)
CFA Level II candidate

# Skills
Credit analysis, financial statement analysis, cash-flow forecasting, PD/LGD/EAD, IFRS 9, Basel III capital, stress testing, SQL, Python (pandas), Excel, Power BI, CreditLens
"""

TEXTS["tomasz_adamczyk_cv"] = """TOMASZ ADAMCZYK
Wroclaw, Poland / now living in Birmingham UK
tomasz.adamczyk@post.example  +44 7700 900 118

ABOUT ME
I am working for two years in a business bank team where we decide if a company can safely borrow money from us. My job is to look at the company numbers and tell my manager if I think the loan will be paid back, and if not, why not. I like this work because every company is different story.

WORK
Junior analyst, lending decisions team - Midland Trade Bank (Birmingham), 2023 - now
* When a company ask for a loan, I read its yearly accounts and the bank statements and put the numbers in our template
* I check how much cash the company make each month and if it is enough to pay the loan and the interest, also if sales drop
* I look what the company owns that the bank can take if things go wrong, and how much it is really worth
* I write a short report (2-4 pages) with my opinion, the dangers I see and what conditions we should ask for. Senior people then make the decision in a weekly meeting
* Every month I go through the list of customers who already have loans and mark the ones who look in trouble (late payments, going over their limit, bad news in newspaper)
* I help the team that calculates how much money the bank should keep aside for loans that may not be paid

Before: Accounts assistant at a furniture importer in Wroclaw (2020-2022). Invoices, supplier payments, month end.

STUDY
Master in Finance and Accounting, Wroclaw University of Economics, 2020
English - good (B2/C1), Polish - native

I hope to grow in this area and one day lead a team who decide on bigger company loans.
"""

TEXTS["Grace_Ellison_Resume"] = """Grace Ellison
Bristol | grace.ellison@inbox.example | 07700 900162

# Summary
Credit Risk Analyst in the retail mortgage book of a building society, after five years as a CeMAP-qualified mortgage adviser. I know the mortgage customer journey from the fact-find to completion, and I now use that to judge how the lending we write performs: affordability, loan to value, interest-only and buy-to-let exposure, arrears. My goal is to stay on the risk side and widen into commercial credit risk.

# Current role
Credit Risk Analyst, Retail Mortgages - Avonvale Building Society (Jan 2024 - present)
- Own the monthly mortgage portfolio risk pack for the Retail Credit Committee: arrears by LTV band, first-time buyer and remortgage cohorts, buy-to-let interest cover, interest-only maturities
- Analyse whether our affordability model and stress rate still hold when rates move; proposed tightening income multiples above 90% LTV, accepted by committee
- Monitor broker and direct channel lending against risk appetite limits; flag introducers whose cases arrear early
- Prepare PD and LGD inputs by LTV band for the IFRS 9 provision; reconcile with Finance each quarter
- Review exceptions outside lender criteria referred by underwriters (self-employed income, adverse credit)
- Self-taught SQL for the mortgage data warehouse; Excel for the risk pack

# Earlier
Mortgage Adviser - Avonvale Building Society branches (2019 - 2023)
- Fact-finds, affordability checks and product recommendations for first-time buyers, home movers and remortgages
- Protection reviews (life, critical illness, income protection); suitability letters under MCOB
- Kept cases moving with solicitors, estate agents and valuers to completion

Customer Adviser - Avonvale Building Society (2017 - 2019)

# Qualifications
CeMAP (2019); currently studying the IFoA Certificate in Risk Management (2025)
BA Geography, University of Exeter (2017)
"""

TEXTS["Daniel_Haverford_CV"] = """Daniel Haverford
Manchester | d.haverford@mailbox.example | +44 161 555 0147

# Summary
Senior credit risk professional with 12 years across corporate and SME lending at two UK banks. I lead analysis on complex and larger exposures, chair the first review of credit papers before Credit Committee, and mentor a team of four analysts. Deep experience in financial statement analysis, leveraged and real estate lending, IFRS 9 ECL and Basel III IRB models.

# Key skills
- Credit analysis of corporate borrowers up to GBP 75m, including leveraged buyouts and real estate investment
- Financial modelling: three-way forecasts, DSCR, ICR, covenant headroom, downside and stress scenarios
- PD, LGD and EAD estimation; IRB model use test and overrides
- IFRS 9 staging, SICR criteria and management overlays
- Portfolio monitoring, watchlist management and early-warning frameworks
- SQL, SAS, Python, Excel/VBA, Moody's RiskCalc

# Experience
Senior Credit Risk Analyst / Team Lead, Irwell Commercial Bank, Manchester - 2019 to date
- Lead reviewer for the real estate and hospitality books (GBP 1.1bn)
- Present credit papers and annual reviews to Credit Committee; about 60 papers a year
- Designed the sector stress test used in the ICAAP; results reported to the Board Risk Committee
- Led the redesign of the watchlist process, cutting time to first action on deteriorating names from 45 to 12 days
- Coach four analysts; run the internal credit training programme
- Member of the IFRS 9 working group: wrote the SICR criteria for commercial real estate, defended overlays to the external auditors (two audit cycles, no adjustments)
- Built a Python tool that pulls management accounts and covenant certificates into a single monitoring view; covenant tests now run monthly instead of quarterly
- Worked with Finance on the risk appetite statement: sector limits, single-name limits, and the link to Pillar 2A capital
- Led the credit work-out on two hotel groups during 2020-21; both restructured, full recovery of principal

Selected credit papers (anonymised)
- GBP 42m refinance of a logistics warehouse portfolio: recommended approval with LTV covenant at 60% and cash sweep; approved
- GBP 18m acquisition facility for a care home operator: recommended decline on occupancy and staffing risk; declined, operator later entered administration
- GBP 9m revolving credit facility for a food manufacturer: restructured with tighter ICR covenant after stress test showed thin headroom

Credit Analyst, Northern Provincial Bank, Leeds - 2013 to 2019
- Spread and graded SME and mid-corporate borrowers; wrote credit applications
- Supported Basel III IRB model development with data extraction in SQL and SAS
- Annual reviews of about 120 SME relationships; watchlist reporting to the Head of Credit
- Trained relationship managers on reading cash-flow statements (ran eight sessions)

# Education and certifications
MSc Finance, Manchester Business School, 2013
BSc Mathematics, University of Sheffield, 2012
CFA charterholder (2017)
"""

TEXTS["Amara_Chukwu_CV"] = """Amara Chukwu
Lagos, Nigeria (relocating to London, right to work)
amara.chukwu@mail.example | +234 555 0102

About me
I have six years experience deciding whether businesses can be trusted with the bank money. I work in the team that checks every loan request from medium companies before it goes to the people who approve it. I am careful, I ask many questions and I like to explain complicated things simply.

Work history
Lending review officer, Harmattan Commercial Bank, Lagos - 2019 to now
- I go through the company's yearly accounts line by line and rebuild them in our own format, so we can compare companies fairly
- I work out how much cash the business will really have to pay back, and I test what happen if sales fall or the naira fall or interest go up
- I give every borrower a grade from 1 to 10 that shows how likely they are to stop paying
- I write the recommendation that goes to the approval meeting, and I answer the questions of the members there
- Each quarter I help estimate how much of our loans we might lose, so the bank puts enough money aside
- I keep an eye on our biggest 40 customers and warn early when one looks weak, for example when they delay sending accounts or keep their account at the limit
- I also help set the maximum the bank should lend to one industry, for example oil services

Trainee, Harmattan Commercial Bank - 2018 to 2019
- Rotations in treasury and operations

Education
BSc Accounting, University of Lagos, 2017
ACCA - passed 9 of 13 papers

Languages: English (fluent), Yoruba, Igbo
"""

TEXTS["ruth_fenwick_cv"] = """RUTH FENWICK
Durham  |  ruth.fenwick@homemail.example  |  07700 900127

PERSONAL STATEMENT
After fourteen years in branch banking, the last eight as a Branch Manager, I moved in 2025 into a Credit Risk Analyst role in our bank's Business Credit team. Leading branches taught me about people, targets, AML and audit; what I enjoyed most was the lending decisions, so I retrained. I now want to build a long career as a credit risk analyst.

CURRENT ROLE
Credit Risk Analyst (career move), Wearside Savings Bank - Business Credit, Sunderland    Apr 2025 - present
 - Analyse accounts and cash flow of small business borrowers (sole traders to GBP 5m turnover) and recommend a risk grade
 - Write credit papers for the Regional Credit Committee; about 6 a month
 - Monitor covenant returns and overdraft usage on a portfolio of 140 business customers; prepare watchlist updates
 - Learning the IFRS 9 and PD model side with the Model Risk team

BRANCH CAREER
Branch Manager, Wearside Savings Bank - Durham and Chester-le-Street branches    2017 - 2025
 - Led teams of 9-14: rotas, one-to-ones, coaching, performance reviews and recruitment
 - Delivered branch sales and customer satisfaction targets; branch ranked top 5 of 36 for NPS in 2022 and 2023
 - Owned branch operations: cash management, vault and ATM, dual control, security and clean audit reports three years running
 - Lead on AML, KYC and fraud prevention in branch; trained staff on vulnerable customer support
 - Handled escalated complaints; community events with local schools and businesses
 - Referred business lending to the Relationship Managers - the part of the job I enjoyed most

Assistant Branch Manager / Personal Banker, Wearside Savings Bank    2011 - 2017

EDUCATION & TRAINING
Professional Certificate in Credit Analysis (online, 2024)
Chartered Banker Institute - Professional Banker Certificate, 2015
A levels: Maths, Business, English
"""

TEXTS["oliver_brennan_cv"] = """Oliver Brennan  CeMAP, CeRER, CF6
Exeter, Devon
oliver.brennan@post.example / 01392 555 0183

Senior Mortgage Adviser - 11 years of whole of market advice

SUMMARY
Whole of market mortgage and protection adviser with eleven years' experience and a loyal client bank. I complete around 180 cases a year - first-time buyers, home movers, remortgages, buy-to-let and later life lending - and keep a clean compliance record under FCA MCOB and Consumer Duty.

EXPERIENCE
Senior Mortgage Adviser, Tamar Mortgage Partners (Exeter) ........ 2018 - present
  * Full fact-find, affordability and credit history review, product research via Mortgage Brain and Twenty7tec
  * Recommend residential, BTL and limited company BTL mortgages; equity release advice (CeRER)
  * Protection review on every case: life, critical illness, income protection; 62% protection conversion
  * Suitability reports, application packaging and case tracking with lenders, solicitors and estate agents to completion
  * Partner with four estate agency chains; monthly surgeries in their offices
  * Mentor two trainee advisers through CeMAP and their first 50 cases
  * File check pass rate 98% (2023), 100% (2024)

Mortgage Adviser, Exe Valley Building Society ........ 2013 - 2018
  * Tied adviser in branch; advised on the society's range and product transfers
  * Consistently top three adviser of fourteen for completions

Customer Service Adviser, Exe Valley Building Society ........ 2011 - 2013

QUALIFICATIONS
CeMAP (2013), CeRER (2017), Level 3 Certificate in Protection
Full UK driving licence
"""

TEXTS["Sinead_Doyle_CV"] = """Sinéad Doyle
Galway, Ireland | sinead.doyle@mail.example | +353 91 555 0164

# About me
I help people buy their homes. For the past five years I have sat down with couples, families and single buyers, worked out with them how much they can sensibly borrow, found the home loan that suits them from a range of banks, and stayed with them until they got the keys. People often come to me nervous and leave knowing exactly what they are signing.

# What I do
- Meet customers in our office, on video calls or at their kitchen table and go through their wages, spending, savings and any past money trouble
- Work out a monthly repayment they can live with, even if interest goes up
- Compare loans from seven Irish banks and lenders and explain the differences: fixed or variable, how long, what it costs to get out early
- Help switchers who want to move their existing home loan to a cheaper lender
- Talk through life cover and illness cover so the family is safe if something happens
- Gather payslips, bank statements and letters, send the application and chase the bank, the solicitor and the valuer until the money is released
- Keep careful notes of why I suggested each loan, because the regulator can ask

# Work history
Home Loan Specialist, Corrib Finance Brokers, Galway - 2020 to now
Customer Service, Atlantic Credit Union, Galway - 2016 to 2020

# Education
QFA - Qualified Financial Adviser, 2019
BComm, University of Galway, 2016

# Other
Irish and English. Full clean driving licence.
"""

TEXTS["Marcus_Achterberg_CV"] = """Marcus Achterberg
Reading, Berkshire - marcus.achterberg@mail.example - 07700 900149

# Profile
Mortgage Adviser (CeMAP, 2023) who spent six years in credit risk and underwriting before moving to the customer side. I understand scorecards, probability of default, affordability models and lender credit policy from the inside, and I now use that to advise clients on which lender will say yes and why. I want to keep growing as an adviser and build my own client bank.

# Experience
Mortgage Adviser, Loddon Home Finance (independent broker), Reading - May 2023 to present
- Advise first-time buyers, movers and remortgage clients; fact-find, recommendation, suitability letter, application to completion
- Specialise in complex income (contractors, self-employed, bonuses) where lender credit criteria decide the case
- Protection advice on each case; 45% conversion
- 9 completions per month average in 2024

Credit Risk Analyst, Retail Lending - Thames Valley Bank - 2019 to 2023
- Monitored the unsecured and mortgage portfolios: arrears roll rates, PD by score band, vintage analysis
- Analysed application scorecard performance (Gini, PSI) and proposed cut-off changes to the Credit Risk Committee
- Wrote credit policy for affordability stress rates and loan-to-income caps
- Built SQL and Excel reporting for IFRS 9 staging and expected credit loss inputs

Mortgage Underwriter - Thames Valley Bank - 2017 to 2019
- Underwrote residential and buy-to-let applications against lending policy; referred exceptions to credit

# Education
CeMAP (London Institute of Banking & Finance), 2023
BSc Economics and Statistics, University of Reading, 2017

# Tools
SQL, Excel, SAS (basic), Mortgage Brain, Iress Exchange
"""

TEXTS["Hannah_Ebdon_CV"] = """HANNAH EBDON
Swindon  |  hannah.ebdon@mail.example  |  07700 900171

PROFILE
Newly qualified Mortgage Adviser (CeMAP, 2024) with two years of case support behind me. I know the paperwork, the lenders and the timelines, and since January 2025 I have been advising my own clients under supervision.

EXPERIENCE
Trainee / Mortgage Adviser - Wyvern Mortgage Centre, Swindon - Jan 2025 to present
- Fact-finds by phone and video for first-time buyers and remortgage clients
- Affordability checks and product research on Mortgage Brain; recommendations signed off by my supervisor
- Protection conversations on every case (life, critical illness, income protection)
- 31 completions in my first nine months, with no file check failures

Mortgage Administrator / Case Handler - Wyvern Mortgage Centre - Sept 2022 to Dec 2024
- Packaged applications, chased lenders, solicitors and estate agents to offer and completion
- Kept the CRM up to date and prepared files for compliance checks

Retail Supervisor - Next, Swindon - 2019 to 2022

QUALIFICATIONS
CeMAP 1, 2 and 3 - London Institute of Banking & Finance (2024)
A levels - Business (B), Psychology (B), English (C)

SKILLS
Mortgage advice, fact-find, affordability, remortgage, protection, FCA MCOB, Consumer Duty, Mortgage Brain, Acre CRM
"""

TEXTS["kwame_asante_resume"] = """Kwame Asante
Croydon, London
kwame.asante@inbox.example | 07700 900 185

Ten years as a secondary school maths teacher, now helping people to borrow for their homes.

What I do now (since March 2024)
Home buying adviser at Oakridge Money Advice, Croydon (a small family firm that works with many lenders)
- Sit down with people who want to buy a first flat, move house or change their current home loan when the deal ends
- Go through what they earn, what they spend and any money problems in the past, so we know how much a lender will really let them borrow
- Search through hundreds of deals from different lenders, and explain in normal words the difference between a rate that is fixed for five years and one that moves with the Bank of England
- Write the letter that explains why this loan is right for them
- Talk about what happens to the family if they die or get too ill to work, and arrange cover if they want it
- Chase the lender, the solicitor and the estate agent every week until the move happens
- Landlords buying to rent out are about one in five of my clients

Before
Maths teacher and Head of Year, Thornton Heath Academy, 2013 - 2024
- Explained hard ideas to 15-year-olds, which turns out to be good practice for explaining interest rates
- Ran the school's money skills club

Study
Passed the three industry exams for home loan advisers (2023-24)
PGCE, Goldsmiths, University of London, 2013
BSc Mathematics, University of Kent, 2012
"""

TEXTS["Lucy_Gallagher_CV"] = """Lucy Gallagher
Belfast | lucy.gallagher@mail.example | 028 9555 0139

# Summary
Senior Mortgage Adviser in a building society branch network. Before that I spent nine years in branch leadership (Assistant Branch Manager, acting Branch Manager), so I am at home with targets, team coaching, AML and audit. Today my own job is advising customers on mortgages and protection, and that is where I want to stay.

# Experience
Senior Mortgage Adviser - Lagan Building Society, Belfast city branches - 2019 to present
- Advise on residential mortgages, remortgages, product transfers and buy-to-let from the society's range; about 14 completions a month
- Fact-find, affordability, recommendation and suitability letter; protection referral on every case
- Branch lending champion: run weekly mortgage huddles with branch teams, coach customer advisers to spot mortgage leads
- Work with branch managers on local targets and mortgage pipeline reporting for the regional director
- Compliance: file checks, Consumer Duty outcomes, vulnerable customer markers

Assistant Branch Manager (acting Branch Manager 2016-17) - Lagan Building Society, Lisburn - 2012 to 2019
- Led a team of eight: rotas, one-to-ones, performance reviews, coaching for sales and service
- Branch operations: cash management, vault, ATM, dual control and internal audit
- AML and KYC lead; fraud prevention; complaint handling
- Drove savings and current account targets; community events with local schools

Customer Adviser / Cashier - Lagan Building Society - 2009 to 2012

# Qualifications
CeMAP (2018)
Chartered Banker Institute - Certificate in Retail Banking (2014)

# Skills
Branch sales and targets, team coaching, cash management, AML/KYC, fraud prevention, complaint handling, audit, Consumer Duty, mortgage advice
"""

TEXTS["Rajesh_Chaudhary_CV"] = """Rajesh Chaudhary
Leicester | rajesh.chaudhary@mail.example | 0116 555 0192

# Profile
Bank Branch Manager with 15 years in retail banking, currently running a high-street branch with 16 staff. I lead teams that hit sales and service targets without cutting corners on risk, and I am proud of a branch that is known in its community.

# Core skills
- Branch management and P&L
- Team leadership, coaching and performance management
- Sales target management (savings, current accounts, lending and mortgage referrals)
- Branch operations: cash management, vault, ATM, dual control, audit
- AML, KYC, fraud prevention, vulnerable customers
- Complaint handling and customer experience (NPS)
- Community engagement

# Experience
Branch Manager, Soar Valley Bank - Leicester Gallowtree Gate (2018 - present)
- Lead 16 colleagues: customer service advisers, 2 personal bankers, cashiers and a team leader
- Branch top in region for customer satisfaction (NPS +68) in 2023 and 2024
- 112% of referral targets for mortgages and business banking in 2024
- Clean internal audits for five consecutive years; zero cash differences over GBP 50 in 2024
- Rebuilt rotas around footfall data, which cut queue times at lunchtime by a third
- Partnerships with two local colleges on financial education; branch stands at the Diwali and Caribbean Carnival events

Branch Manager, Soar Valley Bank - Loughborough (2014 - 2018)
Assistant Branch Manager, Soar Valley Bank - Hinckley (2011 - 2014)
Personal Banker / Cashier (2009 - 2011)

# Education
Chartered Banker (MCBI), 2016
BA Business Studies, De Montfort University, 2009
"""

TEXTS["Bronwyn_Evans_CV"] = """Bronwyn Evans
Carmarthen, Wales
bronwyn.evans@post.example  07700 900 153

A bit about me
I run the local office of our building society in Carmarthen and look after the nine people who work there. I have done this for four years. I want our office to be the place people in town trust with their money, and I want my team to enjoy coming to work.

What my job involves
- Making sure the doors open on time with enough people on, and planning who works which day, including holidays and sickness
- Talking to each of my team every month about how they are doing and what they want to learn, and dealing with it when things are not going well
- Keeping an eye on how many savings accounts, new customers and home loan appointments we bring in each week compared to what head office expects, and working out with the team how to do better
- Looking after the money in the building: counting, the safe, the cash machine outside, and always two people for the important jobs
- Being the person responsible when the auditors visit (we had no serious findings in four years)
- Making sure the team spot scams and anything suspicious, and that older or vulnerable customers get extra care
- Sorting out customers who are unhappy, often face to face at the counter
- Going to the farmers market, the rugby club and the schools to talk about saving

Jobs
Office Manager, Tywi Building Society, Carmarthen - 2021 to now
Senior Customer Adviser, Tywi Building Society, Llandeilo - 2016 to 2021
Shop Supervisor, Co-op Food, Carmarthen - 2012 to 2016

Education
BA History, Aberystwyth University (2012)
Welsh and English
"""

TEXTS["fiona_delaney_cv"] = """Fiona Delaney
Cork, Ireland | fiona.delaney@mail.example | +353 21 555 0116

BRANCH MANAGER - Shandon Building Society, Cork city branch (2020 - present)
Previously 8 years as a mortgage adviser

SUMMARY
I manage our largest branch, where mortgages are over half of what we do. My background is mortgage advice - fact-finds, affordability, loan to value, first-time buyers, switchers, protection - and I still sit in on complex cases. But my job now is to run the branch: its team of twelve, its targets, its operations and its risk. I want to keep managing a branch and move to a larger one.

WHAT I OWN AS BRANCH MANAGER
* The whole branch team of 12 (three mortgage advisers, six customer advisers, two cashiers, one team leader): hiring, rotas, one-to-ones, coaching and performance reviews
* Branch targets: mortgage drawdowns (EUR 38m in 2024), savings, current accounts, protection referrals, customer satisfaction
* Mortgage pipeline meetings every Monday - applications, approvals in principle, valuations, drawdowns
* Branch operations and risk: cash, vault, dual control, audit actions, AML and KYC checks, fraud alerts
* Complaint handling and vulnerable customer support
* Links with local estate agents, solicitors and community groups

EARLIER
Mortgage Adviser / Senior Mortgage Adviser, Shandon Building Society (2012 - 2020)
* Fact-find, affordability and credit checks, loan-to-value, product recommendation
* First-time buyers, movers, switchers and buy-to-let; mortgage protection and life cover
* Case management through approval to drawdown with solicitors and valuers

Customer Service Adviser, Shandon Building Society (2009 - 2012)

QUALIFICATIONS
QFA (Qualified Financial Adviser), 2012
Professional Diploma in Leadership (IOB), 2021
BA Economics, University College Cork, 2009
"""

TEXTS["mehmet_demir_cv"] = """MEHMET DEMIR
Bradford | mehmet.demir@mail.example | 07700 900 111

BRANCH MANAGER | RETAIL BANKING | 8 YEARS IN BANKING

SKILLS
- branch management, team leadership, coaching
- sales targets: savings, current accounts, loans, mortgage referrals
- branch operations: cash, vault, ATM, dual control
- AML / KYC / fraud, vulnerable customers
- complaint handling, NPS
- rota planning

EXPERIENCE
Branch Manager | Aire Valley Bank, Bradford Ivegate | 06/2022 - present
- team of 9; first management role
- took the branch from 27th to 9th of 40 in region for sales against target in 18 months
- weekly huddles; monthly 1:1s; two advisers promoted to personal banker
- audit grade "satisfactory" to "good"; cash differences down 70%
- fraud: team stopped 14 scam payments in 2024 (GBP 63k) through conversations at the counter
- community: money sessions at two mosques and one community centre

Assistant Branch Manager | Aire Valley Bank, Keighley | 2019 - 2022
- covered manager absence; ran rotas and cash operations
- AML champion for the branch

Customer Adviser / Cashier | Aire Valley Bank | 2016 - 2019

EDUCATION
BSc Business Management, University of Bradford, 2016
CII Certificate in Financial Services (2018)

LANGUAGES
English, Turkish, basic Urdu
"""

TEXTS["Carla_Hidalgo_CV"] = """Carla Hidalgo
Valencia, Spain - now in Gibraltar
carla.hidalgo@mail.example | +350 555 0175

# Profile
I am responsible since 2017 of a local office of a savings bank with 14 persons in my team. Before I work many years at the counter and in customer attention. I like to lead people and to see the office grow, and I am very serious with the rules about money.

# Experience
Director of the office, Caja Turia (Valencia, Ruzafa office) - 2017 to 2025
- Lead a team of 14: I decide the timetables, I speak with each person every month about objectives and I train the new ones
- Each year the office receive goals from the regional direction: new clients, savings, cards, insurance, loans sent to specialists. We reach more than 100% in six of eight years
- I am responsible of the cash, the safe box, the automatic teller, and that two persons are always present for the important operations
- Inspections from the internal control department: always correct results
- I make sure everyone check the identity of clients and report suspicious money movements, and I give training every year about this
- I resolve the claims of unhappy clients, many times personally
- I organise activities with the neighbourhood association and the local market

Commercial manager (second of the office), Caja Turia, Burjassot - 2011 to 2017
Counter employee and client attention, Caja Turia - 2004 to 2011

Moved to Gibraltar in 2025 for family reasons and search the same type of position.

# Education
Degree in Business Administration, Universitat de València, 2003
Languages: Spanish (native), Valencian, English (B2)
"""

TEXTS["Stephen_Fairbairn_CV"] = """Stephen Fairbairn
Edinburgh | stephen.fairbairn@mail.example | 0131 555 0158

# Profile
Branch Manager of a business-focused branch in Edinburgh, with a background of five years as a credit analyst. I still read a balance sheet before breakfast, and I use that to make our branch the first stop for small business owners. My job now is leading the branch team and its results, and I want to keep growing in branch leadership.

# Experience
Branch Manager - Forth & Clyde Bank, Edinburgh Leith Walk (2022 - present)
- Lead a team of ten; rotas, coaching, 1:1s and performance reviews; recruited four new customer advisers
- Branch targets for business current accounts, savings and lending referrals: 108% in 2023, 115% in 2024
- Pre-screen small business loan requests with owners before referral: cash-flow, debt service cover, security, so the Business Credit team gets better applications (approval rate on branch referrals up from 52% to 71%)
- Run the branch credit risk conversation: overdraft excesses, early signs of stress in local businesses, referrals to the business support unit
- Branch operations, cash and dual control, audit; AML/KYC lead; fraud prevention
- Complaints and vulnerable customers; community work with the Leith business association

Credit Analyst - Forth & Clyde Bank, Business Credit, Glasgow (2016 - 2021)
- Financial statement analysis and spreading; risk grading using the bank's PD scorecard
- Wrote credit papers for the regional credit committee; covenant monitoring; annual reviews
- Supported IFRS 9 staging reviews and sector stress tests

Graduate Trainee, Forth & Clyde Bank (2014 - 2016)

# Education
MA Economics, University of St Andrews, 2014
Chartered Banker (2019)
"""
