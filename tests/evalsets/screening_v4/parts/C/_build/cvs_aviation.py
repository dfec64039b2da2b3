# ruff: noqa: E501
"""CV sources, aviation family. Markup: first line = name; '# ' heading; '- ' bullet; blank line = new paragraph."""

CVS = {}

CVS["Sofia_Ramirez_CV.pdf"] = """Sofia Ramirez
Altrincham, Cheshire | sofia.ramirez@mail.example | 07700 900114

# PROFILE
Cabin Crew Member with four years' flying on A320 and A321 aircraft with a UK low-cost airline. Holds a current UK CAA Cabin Crew Attestation, first aid at work and AED training. Known for a calm manner in disruptive passenger situations and strong onboard sales figures. Looking to join a Manchester-based team.

# EXPERIENCE
Cabin Crew Member – Pennine Air, Manchester Airport – Mar 2022 to present
- Carry out pre-flight checks of emergency equipment, galley and cabin, and report defects to the SCCM
- Deliver the safety demonstration and secure the cabin for take-off and landing
- Serve hot food and drinks and run the duty-free and retail trolley; top three onboard sales on base in 2024
- Reconcile cash and card sales on the handheld EPOS at the end of each sector
- Look after passengers with reduced mobility, unaccompanied minors and nervous flyers
- Managed two in-flight medical events (a diabetic episode and a fainting passenger) with the SCCM and a doctor on board
- Acted as galley lead on night stops in Tenerife and Palma

Restaurant Supervisor – The Linden Tree, Altrincham – 2019 to 2022
- Ran a team of eight on the floor, cashing up, complaints, allergen information

# TRAINING AND CERTIFICATES
- UK CAA Cabin Crew Attestation (2022), annual SEP recurrent passed each year
- Aviation first aid, CRM, dangerous goods awareness, security training
- Level 2 Food Safety

# LANGUAGES
English (native), Spanish (fluent), basic Italian

# OTHER
Swimming 50 m unaided. Passport with no restrictions. Happy with early starts and night stops.
"""

CVS["tomasz_wisniewski.txt"] = """Tomasz Wisniewski
Gdansk, Poland / now living in Luton, UK
tomasz.w@post.example   +44 7700 900127

ABOUT ME
I am 23 years old and I worked one summer on the planes of a holiday company. I like very much to meet people from many countries and to help them to feel good on a trip. Now I look for a job to fly again, full time, with a company in London area.

WORK
Flight host, Polaris Charter (Warsaw) - May 2025 till October 2025
- I was one of four people working inside the plane, we flew families from Warsaw to Greece, Turkey and Egypt
- before the people come on, we check that everything is on its place, like the masks, the fire bottles and the vests under seats
- I showed people how to use belt and vest and where are the exits, in Polish and English
- bring meals and drinks and sold perfume and toys from the trolley, I count the money after each flight
- one time a man was sick with his heart, I help the senior colleague to give oxygen and we called for a doctor on board, he was ok after landing
- in the training in spring I did the exams for fire, smoke, water landing and evacuation of the plane, I passed everything first time

Waiter, Hotel Nadmorski, Sopot - 2021 - 2024 (summers)
- served breakfast and dinner for guests, many Germans and English
- took payments, helped with complains

SCHOOL
Technikum Hotelarskie (hotel school), Gdansk 2020

LANGUAGES
Polish - mother language, English - good (B2), German - some

OTHER
I can swim well. I have no problem with work at night or in weekend.
"""

CVS["Hannah_Quayle_Resume.docx"] = """Hannah Quayle
Bristol BS3 | hannah.quayle@inbox.example | 07700 900138

# Summary
Cabin Crew Member at a regional airline since 2024, after four years as a passenger service and gate agent for a ground handler at Bristol Airport. I have seen the turnaround from both sides of the aircraft door: I know the departure control system, boarding, load figures and what makes a flight leave on time, and I now use that on board. My goal is a long-term cabin crew career and, in time, a Senior Cabin Crew position.

# Experience
## Cabin Crew Member – Severn Regional Airlines, Bristol – Jan 2024 – present
- Pre-flight emergency equipment checks, safety demonstration, cabin secure, on ATR 72 and E195 aircraft
- Serving passengers and running onboard sales on routes to Jersey, Dublin and Amsterdam
- Liaise with the gate and the dispatcher on passenger numbers, PRM loading and door closure, so boarding flows on time
- Close-out of paperwork with the Senior Cabin Crew Member after each sector

## Passenger Service Agent / Gate Agent – Avonside Handling, Bristol Airport – Jun 2019 – Dec 2023
- Check-in and bag drop for five airlines using Amadeus Altéa and SITA DCS
- Travel document verification with Timatic, APIS data entry, excess baggage payments
- Gate boarding, standby lists, passenger and baggage reconciliation, offloading no-show bags
- Worked with the turnaround coordinator, ramp dispatcher and load control to close flights on time; recorded IATA delay codes
- Rebooking and hotel vouchers during disruption; WorldTracer reports for delayed baggage
- Trained new agents on the boarding process

# Qualifications
- UK CAA Cabin Crew Attestation – December 2023
- Aviation first aid and AED; CRM; security awareness
- Dangerous Goods Awareness (Cat. 9) – 2019, renewed 2021 and 2023
- Airside Driving Permit (2020)
- BTEC Level 3 Travel and Tourism, City of Bristol College

# Skills
Amadeus Altéa DCS | Timatic | WorldTracer | Boarding and gate control | Safety and emergency procedures | Onboard service and sales | French (conversational)
"""

CVS["Lorenzo_Valdes_CV.docx"] = """Lorenzo Valdes
Madrid, Spain – relocating to Manchester | lorenzo.valdes@correo.example | +34 555 0142

# SENIOR CABIN CREW – 14 YEARS FLYING
Purser and senior cabin crew member with fourteen years on short- and long-haul (A320, A330, B787). EASA Cabin Crew Attestation holder and cabin crew instructor for recurrent safety training. I lead crews of up to eleven, handle medical and security incidents on board and keep service standards high under pressure.

# EXPERIENCE
## Purser / Senior Cabin Crew Member – Iberlíneas Atlántico – 2017 to present
- Lead the cabin on long-haul flights to Latin America and the US; brief crew, allocate positions and work with the captain on security and timings
- Managed more than 30 in-flight medical events, two diversions and several disruptive passenger cases, writing full incident reports
- Responsible for onboard sales targets and cash reconciliation for the whole crew
- Recurrent SEP and first aid instructor (2020-2024): fire fighting, ditching, evacuation drills

## Cabin Crew Member – Iberlíneas Atlántico – 2011 to 2017
- Safety demonstrations, cabin checks, galley operations and service in economy and business class
- Passengers with reduced mobility and unaccompanied minors

# CERTIFICATES
- EASA Cabin Crew Attestation (2011), recurrent training current to 2026
- Aviation first aid instructor, CRM facilitator
- Dangerous goods category 10

# LANGUAGES
Spanish (native), English (C1), Portuguese (B2), Italian (B1)

# EDUCATION
Diploma in Tourism, Universidad Complutense de Madrid, 2010
"""

CVS["Amara_Sutherland.pdf"] = """Amara Sutherland
Glasgow | amara.sutherland@mail.example | 07700 900151

# About me
After nine years working in hotels and restaurants, I have made the move I always wanted: I now work up in the air, looking after people on their trips. In early 2025 I finished a six-week course with a holiday airline and I flew my first summer with them. I am now looking for a permanent, year-round job doing the same from Glasgow or Edinburgh.

# What I do now
Flight attendant (seasonal), Thistle Holidays Air, Glasgow – April to October 2025
- Every morning before people got on we went through the aircraft to make sure all the life-saving gear was there and working
- Showed travellers the seat belts, life jackets and the way out, and kept an eye on the aisles during take-off and landing
- Served breakfast, drinks and snacks, sold gifts and scratch cards, and counted up at the end
- Looked after children flying alone, people in wheelchairs and a lot of nervous first-time flyers
- When a lady collapsed on a flight to Dalaman I helped my senior colleague look after her until we landed

# What I did before
Guest Relations Supervisor, Clydeview Hotel, Glasgow – 2019 to 2025
- Ran the front desk on the late shift, handled complaints and problems with rooms and bookings
- Trained new starters and wrote the shift rotas

Waitress then Head Waitress, Bella Notte, Glasgow – 2016 to 2019

# The course I did
Six weeks with Thistle Holidays Air in 2025: fire, smoke, ditching in water, getting everyone off the aircraft in 90 seconds, looking after someone who is ill or injured, and security. Passed all exams and the yearly refresher is booked.

# Extra
Strong swimmer. Clean background check. Spanish (basic).
"""

CVS["kwame_tetteh_cv.txt"] = """KWAME TETTEH
Hounslow, London  |  kwame.tetteh@mail.example  |  07700 900163

TARGET ROLE: Cabin Crew Member (newly qualified, UK CAA attestation Nov 2025)

PROFILE
Customer-focused airport professional with three years in ground handling at Kotoka International Airport (Accra) and Heathrow, now qualified as cabin crew and ready for a first flying role. My ground background means I understand check-in, boarding, ramp safety and on-time departure; I want to bring that to the cabin and build a career on board.

CABIN CREW TRAINING
Skyward Crew Academy, London - Sep-Nov 2025
- UK CAA Cabin Crew Attestation: safety and emergency procedures, firefighting, ditching, evacuation, aviation first aid, CRM
- Mock-cabin practicals: safety demonstration, cabin secure checks, galley service and onboard sales

EMPLOYMENT
Passenger Service Agent - Heathside Ground Services, Heathrow T4 (01.2024 - 08.2025)
- Check-in, bag drop and boarding for three African and Middle Eastern carriers on Altéa DCS
- Passport and visa checks with Timatic, APIS, excess baggage collection
- Gate control: standby list, seat changes, infant and PRM pre-boarding, flight close and door close with the dispatcher
- Disruption handling: rebooking, meal and hotel vouchers, WorldTracer lost baggage reports

Ramp and Baggage Agent - Accra Airport Handling Co., Kotoka Int'l (2022 - 2023)
- Loading and unloading holds, baggage reconciliation, marshalling support, GPU and steps
- Ramp safety briefings, FOD walks, dangerous goods awareness

EDUCATION
HND Tourism and Hospitality Management, Accra Technical University (2021)

CERTIFICATES
UK CAA Cabin Crew Attestation (2025) | Dangerous Goods Awareness | Airside pass (Heathrow, 2024) | Emergency First Aid at Work

LANGUAGES
English (fluent), Twi (native), French (intermediate)
"""

CVS["chloe_russo_cv.txt"] = """Chloe Russo
Swords, Co. Dublin | chloe.russo@mail.example | +353 85 555 0119

Profile
---------
Ground Operations Agent with one year at Dublin Airport handeling check-in, boarding and turnaround for European carriers. Confident on Amadeus Altéa and SITA DCS, good with people when flights go wrong, and keen to develop towards a turnaround coordinator role.

Experience
---------
Ground Operations Agent - Liffey Airport Services, Dublin Airport (Nov 2024 - present)
* Check-in and bag drop, travel document checks with Timatic, tagging and accepting hold baggage
* Boarding at the gate in Altéa and SITA DCS, standby and upgrade lists, passenger/bag reconciliation and flight close
* Turnaround support: liaising with ramp dispatcher, catering and crew; delay codes and load messages to load control
* Disruption: rebooking, vouchers and WorldTracer reports for delayed bags
* Special assistance: arranging wheelchairs and ambulifts, pre-boarding

Retail Assistant - Pavilions Shopping Centre, Swords (2021 - 2024, part-time)
* Tills, customer queries, stock

Training
---------
* Dangerous Goods Awareness (IATA Cat 9), 2024
* Airside security ID and airside driving permit, 2025
* Altéa DCS Customer Management and Flight Management modules

Education
---------
Leaving Certificate 2021; Certificate in Travel and Tourism, Dublin Business School 2024

Languages: English, Italian (fluent)
"""

CVS["Mehmet_Yilmaz_CV.pdf"] = """Mehmet Yilmaz
Cork, Ireland | mehmet.yilmaz@post.example | +353 87 555 0131

# Summary
I work 6 years at Istanbul airport for a company that help airlines with their travellers before the flight. Now I am living in Ireland with my wife and I look for same work here. I speak Turkish, English and little German.

# Work history
Passenger staff – Bosphorus Handling A.S., Istanbul Airport – 2018 to 2024
- At the counters I take the suitcases of people, weigh them and put the label, and I give the seat and the paper for the plane
- I look the passports and visas carefully because if a person cannot enter the other country the airline must pay a fine
- When the suitcase is too heavy I take the extra money
- At the door before the plane, I call the people in groups, scan the papers, and count everybody so the number is the same like in the computer; if somebody is not come we find his bag and take it out
- I speak with the man on the aircraft stand and with the pilots and the head of the flight attendants about the time to close the doors
- When flight is late or cancelled I find new flight for people and give hotel and food tickets. Many angry people, I stay calm
- If bag is lost I write the report and give the number to the passenger
- I help old people and people in wheelchair to come to the plane

Shop assistant – Migros supermarket, Istanbul – 2015 to 2018

# Education
High school, Istanbul 2014. Tourism course (6 months), 2017.

# Other
I have the training for the things not allowed in the luggage (batteries, gas, etc). I can work early and late, also weekends. Driving licence.
"""

CVS["Isabel_Thornton_CV.docx"] = """Isabel Thornton
Cork | isabel.thornton@mail.example | +353 86 555 0148

# Personal statement
Ground Operations Agent at Cork Airport since 2023. Before that I spent five years as cabin crew, so I know how a flight feels from inside the cabin: safety and emergency procedures, the safety demonstration, galley service, onboard sales and looking after passengers at 35,000 feet. I chose to stay on the ground: my goal is to grow as a ground operations agent and become a turnaround coordinator or duty manager at the airport.

# Current role
## Ground Operations Agent – Harbour Ground Handling, Cork Airport – 04/2023 – present
- Check-in, bag drop and document checks for four airlines; boarding and flight close at the gate in SITA DCS
- Turnaround coordination on A320 and ATR flights: first point of contact for the crew, catering, cleaning and the ramp
- Brief the Senior Cabin Crew on passenger numbers, PRMs and infants before boarding
- Rebooking and care during disruption; WorldTracer reports

# Previous experience
## Cabin Crew Member / Senior Cabin Crew Member – Emerald Wings, Dublin – 2018 – 2023
- Pre-flight emergency equipment and cabin checks; safety demonstrations; cabin secure
- Galley lead and onboard duty-free sales; EPOS cash reconciliation
- Promoted to Senior Cabin Crew Member in 2021: crew briefing, liaison with the flight deck, incident reports
- First aid at altitude, including oxygen therapy and one defibrillator use
- Dealt with disruptive passengers using CRM and de-escalation techniques

# Certificates
- Cabin Crew Attestation (IAA, 2018), now lapsed
- Aviation first aid; CRM; Dangerous Goods Awareness (2023)
- Airside ID and Airside Driving Permit, Cork Airport

# Skills
SITA DCS, Altéa | Boarding and gate | Turnaround | Safety demonstration | Onboard service | Spanish (B2)
"""

CVS["Declan_Rourke_Resume.pdf"] = """DECLAN ROURKE
Malahide, Co. Dublin  ·  declan.rourke@mail.example  ·  +353 83 555 0156

# PROFILE
Senior Ground Operations Agent and shift lead with twelve years in passenger and ramp handling at Dublin Airport. Experienced across check-in, gate, transfer, turnaround, load control liaison and irregular operations for both short-haul and wide-body carriers. Trainer for Altéa and SITA DCS and for new agents. I enjoy the part of the job most people dread: the morning when fog closes the airport and three hundred people need a new plan. Seeking a senior agent or supervisory position with a growing handler.

# EXPERIENCE
Senior Ground Operations Agent / Shift Lead – Fingal Aviation Handling, Dublin Airport – 2016 – present
- Lead a shift of 14 agents covering check-in, bag drop, gates and the transfer desk for nine airlines
- Allocate agents to counters and gates against the daily schedule and adjust for delays and sickness
- Turnaround coordinator on wide-body flights (A330, B787): ramp, fuel, catering, cleaning, cabin crew and load control coordination; on-time performance 91% on my shifts in 2024
- Final authority at the gate for offloads, denied boarding and disruptive passengers, with airport police where needed
- Irregular operations: storm Éowyn disruption plan, mass rebooking, hotel and transport allocation, passenger communication on screens and social media with the airline
- Delay code analysis and monthly OTP reports to airline station managers; attend weekly performance calls
- DCS trainer (Altéa CM/FM, SITA DCS), Timatic and WorldTracer; trained 60+ new agents
- Special assistance coordination with the airport PRM provider, ambulifts and medical clearances (MEDIF)
- Lead agent for two US pre-clearance flights a day: APIS, secondary security screening and document checks

Ground Operations Agent – Fingal Aviation Handling – 2012 – 2016
- Check-in, document checks, boarding, flight closure, baggage tracing and special assistance
- Transfer desk: misconnections, rebooking, interline baggage
- Airside driving permit (2013) and ramp familiarisation; pushback headset communication

Seasonal Customer Service Agent – Dublin Bus Tours – summers 2009 – 2011

# TRAINING
- IATA Airport Operations Diploma (2019)
- Dangerous Goods Regulations Cat 9 and 10
- Airside Driving Permit, Airside ID
- Security awareness and behaviour detection
- Leadership in operations, Irish Management Institute (2021)

# EDUCATION
BA Tourism Management, Technological University Dublin, 2011

# LANGUAGES
English, Irish, conversational German

# REFERENCES
Available on request.
"""

CVS["Niamh_Sheridan.docx"] = """Niamh Sheridan
Limerick · niamh.sheridan@student.example · +353 85 555 0167

# A bit about me
I am finishing a degree in Business and I have worked two summers at Shannon Airport for a company that looks after the airlines' travellers. I loved the buzz of the airport and I'd like to start working there full-time next spring.

# Work
## Summer staff, Shannon Handling Services – June to Sept 2024 and 2025
- Welcomed people at the airline desks, weighed and labelled their suitcases and gave them their seats
- Checked every passport and visa, and asked a supervisor when something looked wrong
- At the departure door I called people forward in groups, scanned their passes and made sure the headcount was right before we let the plane go
- Talked with the aircraft team outside and the people on board so everything was ready on time
- When flights were late I kept people updated and found them new flights and meal vouchers
- Helped older travellers and people needing a wheelchair to get to their seats
- Took reports when bags didn't arrive

## Part-time, Dunnes Stores, Limerick – 2021 – 2025
- Tills and customer service

# Education
BSc Business Studies, University of Limerick (final year, 2026)

# Other
Full driving licence. Happy to work early mornings and weekends. Irish and English, some French.
"""

CVS["marco_vitale_resume.txt"] = """MARCO VITALE - GROUND OPERATIONS AGENT (RAMP & TURNAROUND)
Bergamo, Italy -> Edinburgh, UK
marco.vitale@mail.example / 07700 900172

OBJECTIVE: a ground operations agent position at a UK airport handler, working turnaround and the ramp.

SUMMARY
I started in aviation as an apprentice mechanic in an aircraft maintenance hangar, where I learned airframe and engine systems, the Aircraft Maintenance Manual, task cards, torque values, hydraulics, landing gear, tyre and brake changes and how the tech log and deferred defects under the MEL work. I did not finish my Part-66 B1 modules (passed 7 of 17) and moved to ground operations in 2021, where I now coordinate turnarounds and do check-in and gate shifts.

EXPERIENCE
2021 - now  Ground Operations Agent, Orobica Handling, Milan Bergamo Airport
 - turnaround coordination for A320/B737 flights: plan and timeline, ramp, fuel, catering, cleaning, crew and passengers
 - check-in and gate shifts in Altea DCS; passenger and baggage reconciliation; flight close
 - when the aircraft has a technical problem I am the link between crew, line maintenance and the airline: I know what a tech log entry, an MEL item or an AOG means and explain delays to passengers
 - delay codes and load information to load control; pushback and GPU coordination
 - WorldTracer, rebooking and care in disruption

2017 - 2021  Apprentice Aircraft Mechanic, Lombardia Aero Maintenance (Part-145), Bergamo
 - wheel and brake changes, lubrication, panel removal and inspection under supervision of B1 engineers
 - A-check tasks on A320, borescope assistance, NDT assistance
 - EWIS and human factors courses, tool control, FOD prevention

EDUCATION
Istituto Tecnico Aeronautico, Bergamo (2017). Part-66 modules 1,2,3,5,6,8,9 (ENAC).

CERTIFICATES
Dangerous goods awareness / Airside driving permit / Pushback tug / English B2, Italian native
"""

CVS["Rajesh_Venkataraman_CV.docx"] = """Rajesh Venkataraman
Paisley, Renfrewshire | rajesh.v@mail.example | 07700 900181

# Professional Summary
Rajesh is a B1.1 Licensed Aircraft Maintenance Engineer with 17 years in line and base maintenance on A320 family, ATR 72 and B737NG aircraft. He holds a UK CAA Part-66 licence with A320 (CFM56/V2500) and ATR 42/72 type ratings, works as a certifying engineer and shift supervisor, and mentors B1 trainees. He is looking for a senior certifying role in Scotland.

# Licences and Authorisations
- UK CAA Part-66 B1.1 licence (also EASA B1.1, 2012)
- Type ratings: Airbus A318/319/320/321 (CFM56, IAE V2500), ATR 42/72, Boeing 737-600/900 (CFM56-7B)
- Company certification authorisation (CRS) for line and base, A-check and C-check tasks
- Borescope, engine ground run and taxi authorisations

# Experience
## Senior Licensed Engineer (B1) – Clydeside Aviation Engineering, Glasgow Airport – 2018 – present
- Certifying engineer on night line shifts: daily/weekly checks, defect rectification, component changes, CRS in the tech log
- Troubleshooting engine, bleed air, hydraulic and landing gear faults with the AMM, TSM, IPC and wiring diagrams
- Manage deferred defects under the MEL and liaise with maintenance control on aircraft availability
- Lead AOG recovery teams at outstations (Stornoway, Kirkwall, Belfast)
- Mentor B1 trainees and mechanics; human factors and EWIS refresher instructor

## B1 Engineer – Indus Aero Technics, Bengaluru – 2008 – 2018
- Base maintenance on A320 and ATR 72: C-checks, structural repairs to the SRM, landing gear changes
- Obtained EASA B1.1 licence in 2012

# Education
B.E. Aeronautical Engineering, Visvesvaraya Technological University, 2007

# Skills
Part-145 procedures · Human factors · EWIS · AMASIS / AMOS · Technical records · Mentoring
"""

CVS["pavel_zelenko_cv.txt"] = """PAVEL ZELENKO
Aberdeen, Scotland
pavel.zelenko@post.example  |  07700 900193

ABOUT
I am repairing and checking airplanes for 9 years. First in Ukraine, now 3 years in Scotland at small company that look after planes for island flights. I have the British licence for this work since 2023 and I am allowed to sign that the plane is safe to fly again after a job is done. I want a place in bigger company with more types of planes and chance to learn.

WORK
2022 - now   Technician, Granite Isles Air Service, Aberdeen
- check planes every night and every week following the maker's book, step by step
- when pilots write a problem in the log, I find what is wrong and fix it: engines, wheels and brakes, the oil and fuel systems, lights, doors
- change parts (starters, pumps, wheels) and write everything in the papers of the aircraft
- when a small problem can wait, I write it properly for later with the allowed time, so the plane can fly
- work nights, sometimes fly to islands when a plane is stuck there
- teach young colleagues how to do the jobs safely

2015 - 2022  Mechanic, Dnipro Avia Repair, Ukraine
- big inspections in hangar on passenger turboprops and small jets, 1-3 weeks each plane
- repairs of metal skin, changing landing legs, engine changes

EDUCATION
Kharkiv Aviation Institute - engineer of aircraft (2015)

LANGUAGE
Ukrainian, Russian - native. English - good for work, I read all technical documents in English.

OTHER
Driving licence. Airport pass. I can work shifts.
"""

CVS["Jordan_Quarrie_CV.pdf"] = """Jordan Quarrie
Aberdeen · jordan.quarrie@mail.example · 07700 900205

# Profile
Newly licensed B1.1 Aircraft Maintenance Engineer (Part-66 licence issued September 2025). Before maintenance I spent three years as a ramp and turnaround agent, so I know the airside world well: turnaround timelines, pushback, GPU and de-icing, baggage loading, load sheets, dispatch and on-time performance. I now want to build my career as a certifying B1 engineer, ideally on ATR 72 line maintenance.

# Experience
Junior B1 Engineer / Mechanic – North Sea Aero Maintenance (Part-145), Aberdeen – Jan 2024 – present
- Daily and weekly checks on ATR 72 and Dash 8 aircraft, servicing oil, hydraulics and tyres
- Defect rectification and component changes under supervision; working towards company CRS authorisation
- Tech log entries, task card sign-off, tool control
- Work closely with the turnaround coordinator and ramp dispatcher so tech stops don't become delays

Ramp and Turnaround Agent – Dyce Ground Handling, Aberdeen Airport – 2020 – 2023
- Turnaround coordination on ATR and E-Jet flights; baggage and cargo loading to the load instruction
- Pushback, tug and GPU operation; de-icing and anti-icing with the de-icing crew
- Dispatch: passenger and baggage numbers, delay codes, liaison with check-in, gate and load control
- Dangerous goods awareness, ramp safety and FOD walks
- Airside Driving Permit, pushback and towing authorisations

# Licence and training
- UK CAA Part-66 B1.1 licence (2025), Modules 1-17 completed at Aberdeen Aviation College 2021-2024
- ATR 42/72 Level 1 familiarisation (type course planned 2026)
- Human factors, EWIS, fuel tank safety

# Education
HNC Aircraft Engineering, North East Scotland College, 2021
"""

CVS["Ellie_Stewart_CV.pdf"] = """Ellie Stewart
Prestwick, Ayrshire | ellie.stewart@mail.example | 07700 900214

# Summary
Junior B1 Licensed Aircraft Maintenance Engineer who completed a four-year Part-145 apprenticeship and received her UK CAA Part-66 B1.1 licence in 2025. A320 family type course completed, awaiting first certification authorisation. Methodical, safety-minded and keen to take on night line work.

# Licence and courses
- UK CAA Part-66 B1.1 licence, 2025
- Airbus A320 family (CFM56) Theory and Practical type course, 2025
- Human Factors, EWIS, Fuel Tank Safety, Part-145 procedures
- Engine ground run (observer)

# Experience
Apprentice, then Junior B1 Engineer – Ayrshire Aerospace Services (Part-145), Prestwick – 2021 – present
- Base maintenance on A320 and B737 aircraft: A-check and C-check task cards, inspections, lubrication and servicing
- Component changes: wheels and brakes, hydraulic pumps, fuel pumps, cabin equipment
- Troubleshooting using the AMM, TSM, IPC and wiring diagrams with certifying engineers
- Accurate task card and technical records entries in AMOS
- Supported AOG recovery for a customer A320 at Belfast (brake unit change)

# Education
Modern Apprenticeship in Aeronautical Engineering, SCQF Level 7
HNC Aircraft Engineering, Ayrshire College, 2023

# Interests
Gliding (solo in 2022), STEM ambassador for schools in Ayrshire
"""

CVS["Gareth_Williams.docx"] = """Gareth Williams
Kilmarnock · gareth.williams@mail.example · 07700 900226

# In short
For 28 years I have kept aeroplanes flying safely: 12 years in the Royal Air Force and 16 years with civilian airlines in Scotland. I look after aircraft through the night so they can leave on time in the morning, and I'm the person who signs them off as safe once the work is done. I would like one more full-time post on the hangar or airport team before I retire.

# Where I have worked
## Glenmoray Airways, Glasgow – 2009 to present – Shift lead on the aircraft engineering team
- Look over each aircraft at the end of the day and the start of the week, following the manufacturer's instructions to the letter
- Work out why something the pilots reported isn't working, from a warning light to a sticky undercarriage door, and put it right
- Decide when a small fault can safely wait for a set number of days and record it, and make sure it is fixed in time
- Sign the paperwork that says the aircraft is fit to fly after the work is checked
- Bring on the younger technicians and check their work
- Travel to islands and other airports when an aircraft is stranded and needs a part

## Royal Air Force – 1997 to 2009 – Aircraft technician (mechanical)
- Hercules and Tornado aircraft, first line and hangar work, engine changes and inspections
- Left as a Sergeant, in charge of a team of nine

# Papers
Full civil licence for aircraft engineering (mechanical, turbine aeroplanes) since 2008, with approvals for the turboprops and Airbus narrow-bodies we fly.
City & Guilds in Aeronautical Engineering (RAF Cosford)

# Other
Happy on nights. Clean driving licence.
"""

CVS["aisha_rahman.txt"] = """Aisha Rahman
B1 Licensed Aircraft Maintenance Engineer (Line)
Manchester, UK | aisha.rahman@mail.example | 07700 900238

Career goal: move from outstation line maintenance into a B1 certifying role at a Part-145 base, ideally with ATR and A320 work.

Summary
Five years at a busy outstation where the turnaround is everything. As the only licensed engineer on shift I sit inside the turnaround plan: I agree slot times and on-time performance targets with the turnaround coordinator, attend the ramp briefing, check the load sheet and fuel figures with the crew and dispatcher, and make sure a tech stop never becomes a delay code. I also know the gate, boarding and passenger side well because I work next to it every night.

Experience
'20 - now: B1 Licensed Engineer, Irwell Line Services (Part-145), Manchester Airport
 • Transit and daily checks on A320, A321neo and ATR 72 during 35 to 45-minute turnarounds
 • Rectify defects from the tech log, replace LRUs (wheels, brakes, fuel pumps, avionics boxes), issue CRS
 • Defer defects under the MEL with correct dispatch paperwork; brief crew and dispatcher
 • Coordinate with ground operations agents, the ramp, fuel, catering and the gate to keep on-time departure
 • Record delay codes and technical delay reports for airline station managers
 • Engine ground runs and towing authorisations; de-icing checks with the de-icing crew

'18 - '20: Aircraft Mechanic, Mancunian Aero Engineering, Manchester
 • A-checks and component changes under supervision, tool control

Licence
UK CAA Part-66 B1.1 (2020), A320 family (CFM/IAE, PW1100G) type rating, ATR 42/72 type rating (2023)
Human Factors, EWIS, fuel tank safety, dangerous goods awareness, airside driving permit

Education
BEng (Hons) Aircraft Engineering, University of Salford, 2018
"""
