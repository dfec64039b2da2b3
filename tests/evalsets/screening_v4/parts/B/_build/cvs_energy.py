"""CV texts, energy family. '# ' = heading, '- ' = bullet, first line = name."""

CVS = {}

CVS["Lars_Olsen_CV"] = """Lars Olsen
Esbjerg, Denmark | lars.olsen@field.example | +45 75 55 01 29

PROFILE
Wind turbine technician, 6 years onshore and offshore on Siemens Gamesa and Vestas platforms. Electromechanic by trade. Comfortable at heigth, in the hub and in all weather. Looking for a field role in the UK.

CERTIFICATES
- GWO BST: Working at Height, First Aid, Manual Handling, Fire Awareness, Sea Survival (valid to 2027)
- GWO BTT (mechanical, electrical, hydraulic); GWO Advanced Rescue
- Danish electrical safety (L-AUS / AMS) and LOTO
- Hytorc and ITH bolt tensioning training

EXPERIENCE
Wind Turbine Technician, NordVind Service A/S, 2020 - present
- Scheduled servicing of SWT-3.6 and V112 turbines: torque checks, oil and filter changes, greasing, brake pad replacement
- Fault-finding on pitch, yaw, converter and generator faults using the controller, SCADA alarm logs and schematics
- Replaced pitch accumulators, yaw motors and slip rings; hydraulic pump and hose changes
- Blade inspections from the nacelle and ground; reported damage for rope-access teams
- Offshore 14/14 rotation at Horns Rev since 2023; CTV transfers
- Accurate work orders in SAP PM; availability of my site above 97%

Electromechanic (apprentice and journeyman), Esbjerg Shipyard, 2015 - 2020
- Maintenance of marine hydraulics, motors and switchgear

EDUCATION
Electromechanic apprenticeship (Elektromekaniker), EUC Vest, 2019

Driving licence B. Languages: Danish, English, German basic.
"""

CVS["Jamie_Murphy_CV"] = """Jamie Murphy
Inverness | jamie.murphy@mail.example | 07700 900133

# About me
Two years looking after the big wind machines on a hill farm site near Inverness. I like being outdoors and up high, and I like finding out why something has stopped and getting it going again.

# Work
# Service crew, Highland Hill Energy - 2024 to now
- Climb up inside the towers (about 80m) with my partner most days, with the harness and ladder safety system
- Do the regular check-ups: make sure the big bolts are tight with the tools, change the oil and the filters, grease the moving parts, look for leaks
- When a machine stops, look at the error it shows on the computer in the bottom and work out what's wrong with the supervisor - often the motors that turn the blades or the top of the machine into the wind
- Make sure all power is off and locked before anybody touches the electrics
- Look at the blades through binoculars and from the top for cracks or damage
- Write up every job on the tablet at the end of the day

# Before
Farm hand and machinery maintenance, family farm, 2019-2023 (tractors, pumps, generators)

# Training
- College course in fixing machines and wiring, Inverness College UHI, 2023
- Safety courses for climbing, first aid, fire, lifting (done before start)

Full driving licence. Happy to travel.
"""

CVS["Kwame_Mensah_CV"] = """Kwame Mensah
Aberdeen | kwame.mensah@mail.example | 07700 900149

# Summary
Wind Turbine Technician (trainee, then technician) since 2025, after eight years as a control engineer in an electricity network control room. I now do hands-on servicing and fault-finding on turbines and want to build my career as a field wind technician; my network background helps me understand what the turbine sees from the grid side.

# Current role
# Wind Turbine Technician, Grampian Wind Services, Feb 2025 - present
- Climb and service 2-3MW onshore turbines with a partner: torque checks, gearbox oil sampling, filters, pitch and yaw maintenance
- Diagnose converter and grid-loss trips and reset turbines after network events
- Safe isolation of LV and 33kV turbine circuits before work; LOTO

# Previous career: network control
# Control Engineer, North Scotland Electricity Networks, 2016 - 2024
- Real-time monitoring and control of 132kV, 33kV and 11kV networks via SCADA / PowerOn ADMS
- Wrote and issued switching schedules for planned outages; co-ordinated field staff under the Distribution Safety Rules
- Fault management: isolated faulted sections and restored customers after storms, including Storm Arwen
- Managed voltage and thermal constraints and curtailment of embedded wind farms; liaison with the ESO
- Senior Authorised Person (SAP) for HV switching; protection settings reviews and load flow studies

# Certificates
- GWO BST (WAH, FA, MH, FAW) and BTT, 2025
- 18th Edition Wiring Regulations
- HNC Electrical Engineering, Robert Gordon University, 2015

# Skills
Turbine servicing, fault-finding, hydraulics (basic), torque/tensioning, switching, SCADA, HV safety rules, protection, outage planning
"""

CVS["Stefan_Novak_CV"] = """STEFAN NOVAK
Hull, East Yorkshire | stefan.novak@offshore.example | 07700 900176

SENIOR WIND TURBINE TECHNICIAN / SUPERVISOR - 12 YEARS IN WIND

Summary
Senior wind turbine technician and team lead with twelve years in onshore and offshore wind across Europe and the UK. Specialist in major component exchanges, electrical fault-finding and mentoring new technicians. Safety-first: zero lost-time incidents in eight years as a team lead.

Employment
Senior Wind Turbine Technician / Team Lead, Humber Offshore O&M Ltd - 2019 to present
- Lead a team of 6 technicians on a 12/16 offshore rotation across 90 x 7MW turbines
- Plan and carry out scheduled servicing: drivetrain, main bearing, gearbox, yaw and pitch systems, hydraulics, cooling
- Electrical fault-finding on converters, generators, MV switchgear and transformers using schematics, the controller and SCADA trend data
- Supervised main component exchanges (gearbox, generator) with jack-up vessel and crane crews
- Bolt torquing and tensioning campaigns, blade root and tower flange inspections
- Author of permit-to-work and isolation (LOTO) procedures; Authorised Person for HV switching within the turbine
- Coach new technicians through their first year

Wind Turbine Technician, WindCare Europe (Germany, Poland, UK) - 2014 to 2019
- Servicing and repairs on Nordex and Enercon turbines; troubleshooting pitch and yaw faults
- Blade inspection and minor repairs with rope-access teams

Maintenance Electrician, steel plant, Ostrava, Czech Republic - 2010 to 2014

Qualifications
- GWO BST (including Sea Survival), BTT, Advanced Rescue Training, Slinger/Signaller
- HV Authorised Person (turbine), 18th Edition
- Vocational diploma electrical engineering, SPŠ Ostrava, 2010

Languages: Czech, English, German, Polish (basic)
"""

CVS["tomasz_nowicki_cv"] = """Tomasz Nowicki
Szczecin / Grimsby  -  tomasz.nowicki@mail.example  -  07700 900109

Short about me
I am working 5 years on windmills, first in Poland, now in England at sea. I am mechanic by profession. I like my job and I want to stay in this work with a good company.

Work
2023 - now: company that look after wind farm at sea, Grimsby
 * we go to the windmill by small boat and climb up from the boat onto the ladder
 * every machine have regular service 2 times a year: we check all bolts with big power wrench, change oil in the big gear box, change filters, put grease, check the brakes
 * when windmill is stopping with error I go with my colleague, we read the error on the computer inside, we measure with meter, we change broken part (motors, sensors, cards, fans) and we start it again
 * before we work on electrical cabinets we switch off and put our lock, always
 * I also check the oil pressure system which move the blades, and fix leaks
 * we write everything in the tablet

2020 - 2023: windmills on land near Koszalin, Poland, same type of work
2014 - 2020: car mechanic

School
Technical school, mechanic of machines and devices, Szczecin, 2014

Courses: all safety courses for windmills (height, first aid, fire, carrying, sea), valid.
Language: Polish, English (communicative).
"""

CVS["Craig_Jardine_CV"] = """Craig Jardine
Dumfries | craig.jardine@mail.example | 07700 900182

PROFILE
Wind Turbine Technician since mid-2025. Before that I spent seven years surveying homes for energy efficiency, which got me interested in renewables; I retrained so I could work on generation itself. My aim is to become a fully signed-off wind technician and later a team lead.

CURRENT ROLE
Wind Turbine Technician, Solway Renewables Service Co, June 2025 - present
- Climb and service onshore turbines with a senior technician: torque checks, oil and filter changes, greasing, brake checks
- Help fault-find pitch, yaw and hydraulic faults using the controller and SCADA alarms
- Follow safe isolation and lock-out procedures before any electrical work

PREVIOUS CAREER
Domestic Energy Assessor / Retrofit Assessor, Galloway Home Energy, 2018 - 2025
- Carried out 2,500+ home energy surveys and produced EPCs using RdSAP (Elmhurst accreditation)
- Surveyed building fabric, insulation, windows, heating and hot water systems; recorded evidence and photos
- Retrofit assessments to PAS 2035: condition reports, damp and ventilation risk, occupancy assessments
- Recommended measures (loft and cavity wall insulation, air source heat pumps, solar PV) under ECO and Home Energy Scotland schemes
- Explained results to householders and landlords; kept audit-ready records
Insulation Installer, 2016 - 2018

TRAINING
- GWO BST and BTT, 2025
- Level 3 Electrotechnical (in progress), Dumfries and Galloway College
- Level 3 Diploma in Domestic Energy Assessment, 2018; Level 5 Diploma in Retrofit Assessment, 2021

Driving licence, happy to travel.
"""

CVS["Paula_Mendes_CV"] = """Paula Mendes
Coventry | paula.mendes@home.example | 07700 900138

# Profile
Newly qualified Domestic Energy Assessor (Level 3, 2025) moving from a ten-year career as a lettings negociator and property manager. I know rented homes, landlords and tenants, and I now produce accurate EPCs and help landlords understand what they need to do to meet minimum energy efficiency standards.

# Energy assessment experience
# Domestic Energy Assessor, Greenhome Surveys (self-employed associate), 2025 - present
- Carry out 4-6 home visits a day: measure dwellings, survey construction, loft and wall insulation, glazing, boilers, controls, hot water and lighting
- Produce EPCs in Elmhurst RdSAP software and lodge them on the register; keep photographic evidence for QA audits (100% pass so far)
- Identify damp, condensation and ventilation problems and explain them to tenants and landlords
- Advise landlords on MEES and cost-effective measures: loft top-up, cavity wall insulation, heating controls, heat pumps, solar PV
- Working towards Level 5 Retrofit Assessor (PAS 2035)

# Previous career
# Property Manager and Lettings Negotiator, Midlands Lettings, 2014 - 2025
- Managed 180 rented homes; arranged EPCs, gas safety and electrical checks; handled damp and mould complaints
- Explained compliance requirements to landlords in plain language

# Qualifications
- Level 3 Diploma in Domestic Energy Assessment, Elmhurst Energy, 2025; member of Elmhurst accreditation scheme
- Enhanced DBS, 2025
- BA Business Studies, Coventry University, 2013

# Skills
EPCs, RdSAP, building construction, insulation, heating systems, damp and ventilation, customer communication, report writing, full driving licence
"""

CVS["Sharon_Lacey_CV"] = """Sharon Lacey
Stoke-on-Trent | sharon.lacey@mail.example | 07700 900155

WHAT I DO
I go round people's houses and work out how well the house keeps its heat and how much it costs to run, then I give them the official rating and a list of what would make it better. I've done this for five years.

WORK HISTORY
Surveyor (homes), a local company working for landlords, estate agents and the council - 2021 to now
- About 5 houses a day, mostly older terraces and ex-council semis
- Measure every room and floor, go up in the loft to see how thick the insulation is, check if the walls are solid or have a gap that's been filled, look at windows and doors
- Look at the boiler, the radiators and thermostat, the hot water tank, the lights
- Spot black mould, wet walls and blocked air vents and tell the owner what it probably means
- Take photos of everything as proof, because our work gets checked
- Put it all into the computer programme to get the rating, A to G, and the list of improvements
- Talk people through it, a lot of them are worried about their bills and I take time to explain in normal words

Before that: plasterer's labourer then loft and wall lagging fitter, 2012 - 2021, so I know how houses are put together.

TRAINING
College course in home energy surveying (passed 2020). DBS checked. Own car and licence.
"""

CVS["ewan_kerr_cv"] = """ewan kerr  |  Fort William  |  ewan.kerr@glen.example  |  07700 900196

now: DOMESTIC ENERGY ASSESSOR, self-employed, since 03.2025
goal: build up my own EPC and retrofit assessment business in the Highlands. After nine years on wind turbines my knees told me to get off the ladders, so I retrained and now survey homes instead.

current work
- EPC surveys of houses, crofts and flats for sales, lets and grant schemes; RdSAP software (Stroma accredited)
- check insulation, walls, windows, heating (lots of oil boilers and storage heaters here), hot water, ventilation
- point out damp and condensation, recommend loft/wall insulation, heat pumps, solar
- explain results to homeowners in plain english

wind turbine career (2015-2024)
Wind Turbine Technician then Lead Technician, Lochaber Wind O&M
- climbed and serviced Enercon and Vestas turbines, 40+ sites
- electrical fault-finding on converters, generators, pitch and yaw systems; read schematics and SCADA alarm logs
- hydraulics: pitch cylinders, accumulators, pumps, hoses
- gearbox and drivetrain maintenance, oil sampling, bearing greasing, brake changes
- bolt torquing and tensioning campaigns; blade inspections from the nacelle
- safe isolation / LOTO, HV authorised person (turbine)
- trained new techs, wrote method statements

qualifications
Level 3 Diploma Domestic Energy Assessment 2025 | GWO BST+BTT (lapsed 2024) | HNC Electrical Engineering 2014 | Modern Apprenticeship electrical 2012
"""

CVS["Amira_Ibrahim_CV"] = """Amira Ibrahim
Leicester | amira.ibrahim@survey.example | 07700 900107

PROFESSIONAL SUMMARY
Accredited Domestic Energy Assessor and Retrofit Assessor with four years' experiance producing EPCs and PAS 2035 assessments for housing associations, landlords and homeowners across the East Midlands. Over 3,000 lodged EPCs with a clean QA record.

EXPERIENCE
Domestic Energy Assessor / Retrofit Assessor, Charnwood Energy Surveys, 2022 - present
- Complete EPC surveys with RdSAP 10 (Quidos accreditation): dimensions, construction, insulation, glazing, heating, hot water, renewables
- Retrofit assessments to PAS 2035: property condition, significant ventilation and damp risks, occupancy and energy use
- Support housing association ECO4 and Social Housing Decarbonisation Fund programmes, 20-30 surveys a week
- Site evidence and photo packs to scheme standards; 98% first-time QA pass rate
- Explain findings to tenants, including vulnerable residents; enhanced DBS

Customer Adviser, Midlands Energy Advice Line, 2020 - 2022
- Advice on bills, grants and energy saving to householders

QUALIFICATIONS
- Level 3 Diploma in Domestic Energy Assessment, 2022
- Level 5 Diploma in Retrofit Assessment, 2023
- BSc Environmental Science, De Montfort University, 2019

SKILLS
RdSAP, EPCs, PAS 2035, building fabric, heating systems, damp and ventilation, report writing, Arabic and English, full driving licence
"""

CVS["Neil_Jarvis_CV"] = """Neil Jarvis
Derby | neil.jarvis@mail.example | 07700 900141

Summary
Fifteen years looking at homes and telling people how to keep them warmer for less. I've seen every kind of house from Victorian terraces to new-builds and I'm good at explaining it to people.

Experience
Home surveyor, energy and grants, Trent Homes Partnership (housing association), 2015 - present
- Visit tenants' homes to look at how they're built and how they're heated, and record it so we get an official energy score for each one
- Measure up, check loft and wall insulation, windows, boiler and controls, hot water, extractor fans and vents
- Find where damp and condensation are coming from and what should be done before we put any insulation in, so we don't make it worse
- Work out which improvements make the most difference (lagging, new heating, the electric heaters that pull warmth from outside air, panels on the roof) and write that up for the planning team
- Train and check the work of three newer surveyors, and go on joint visits when a tricky house comes up
- Talk to tenants, many elderly or worried, and make sure they understand what is happening and why

Heating engineer, self-employed, 2005 - 2015 (boilers and central heating)

Training
- College diploma in home energy surveys, 2015
- Advanced course in whole-house improvement planning, 2021
- Gas safe (lapsed)

Clean licence. DBS checked.
"""

CVS["olu_oyelaran_cv"] = """Olu Oyelaran
London SE15 | olu.oyelaran@mail.example | 07700 900153

Target role: Domestic Energy Assessor (currently working as one, 2 years). I survey homes, produce EPCs and want to move into full retrofit assessment.

CURRENT
Domestic Energy Assessor, Southwark Warm Homes CIC, 2024 - present
- EPC surveys of flats and houses with RdSAP; accredited with Elmhurst
- Recording insulation, heating, glazing and ventilation; advising residents on measures and grants

PREVIOUS - ELECTRICITY NETWORKS (2017 - 2024)
Control Room Assistant, then Assistant Control Engineer, Thames City Power Networks
- Monitored 11kV and LV network alarms on SCADA/ADMS and logged events
- Helped prepare switching schedules for planned outages and notified affected customers
- Supported fault management: tracked faults, updated estimated restoration times, co-ordinated field teams by radio
- Storm and incident response: prioritised vulnerable customers on the Priority Services Register
- Analysed LV network loading for heat pump and EV connections, ran basic load flow studies
- Worked to Distribution Safety Rules; Competent Person
- Supported flexibility services trials with aggregators

EDUCATION
- Level 3 Diploma in Domestic Energy Assessment, 2024
- HNC Electrical Engineering, London South Bank University, 2019

SKILLS
EPC, RdSAP, SCADA, switching, outage planning, load flow, customer care, Yoruba and English
"""

CVS["Helena_Lindqvist_CV"] = """Helena Lindqvist
Gothenburg, Sweden / Edinburgh | helena.lindqvist@grid.example | +46 31 555 0122

# Summary
Senior Grid Control Engineer with 15 years in transmission and distribution control rooms in Sweden and the UK. Senior Authorised Person. I lead a control shift, plan complex outages and run the network through storms, and I have a strong interest in integrating wind, solar and flexibility into real-time operations.

# Experience
# Senior Control Engineer (Shift Lead), Lothian Power Distribution, Edinburgh, 2018 - present
- Lead a shift of five engineers controlling the 132kV/33kV/11kV network for 900,000 customers using GE PowerOn ADMS and SCADA
- Plan and approve switching programmes for planned outages; issue safety documents under the Distribution Safety Rules as SAP
- Run fault management and supply restoration, including automatic restoration schemes; led the control room through Storm Arwen and Storm Babet
- Manage thermal and voltage constraints, active network management of 600MW of embedded wind and solar, and dispatch of flexibility services
- Co-ordinate with the transmission operator and the ESO on outages and system events
- Post-fault protection analysis with the protection team; lead incident reviews

# Operations Engineer, Svenska Regionnät AB, Gothenburg, 2011 - 2018
- Real-time operation of 130kV and 40kV regional networks; switching, outage co-ordination, load flow studies in PSS/E
- Developed control room procedures for new wind farm connections

# Selected projects
- Control room lead for the transfer of 400 secondary substations onto the new ADMS (2021-2022): wrote cut-over switching procedures and trained 40 control engineers
- Designed the control room side of an active network management scheme for 14 wind farms on a constrained 33kV ring, cutting curtailment by a third
- Led the review after a 2023 132kV double-circuit trip that left 60,000 customers off supply; recommendations adopted for protection settings and restoration sequencing
- Mentor for the graduate control engineer scheme since 2019; assessor for Authorised Person and SAP authorisations

# Education
- MSc Electric Power Engineering, Chalmers University of Technology, 2011
- BSc Electrical Engineering, Chalmers, 2009

# Authorisations and skills
SAP (HV, 132kV), ADMS, SCADA, switching, outage planning, fault management, protection, voltage control, PSS/E, DIgSILENT PowerFactory, incident command. Swedish, English.
"""

CVS["Raj_Kaur_Resume"] = """Raj Kaur
Wolverhampton | raj.kaur@mail.example | 07700 900166

ABOUT ME
I keep the lights on. I work in the room where the local power company watches and runs its wires across the region, 24 hours a day, and I decide what gets turned off and on.

WORK
Power company operations room, Black Country, 2019 - present
- Watch the big screens and the computer that shows every line and substation in our area, and act when something goes wrong
- When a cable or overhead line fails, find where it is from the alarms and the calls, cut that bit off, and send the power round another way so most homes are back on within minutes; then send a crew to fix the broken part
- Write out step-by-step orders for when crews need a line switched off to work on it safely, and talk them through each step on the phone and radio
- Keep an eye on lines that are getting too hot or too busy, and that the power stays at the right strength, especially on sunny and windy days when the solar and wind farms are pushing a lot into the system
- In storms I'm one of the people who decides which repairs go first and keeps the customer team updated
- Write up everything that happened on my shift

Before: electrician (commercial), 2012 - 2019. Then a two-year part-time college course in electrical engineering.

Shifts, nights and weekends are fine with me.
"""

CVS["Mikko_Nieminen_CV"] = """Mikko Nieminen
Oulu, Finland | mikko.nieminen@mail.example | +358 8 555 0181

# Career aim
Grid Control Engineer at Pohjola Verkko since 2024, working shifts in the regional control centre. I want to keep developing in network operations and reach shift-lead level.

# Grid control (current)
# Grid Control Engineer, Pohjola Verkko Oy, Oulu, 2024 - present
- Monitor and operate the 110kV and 20kV network from SCADA; switching for planned outages and fault restoration
- Co-ordinate with wind farm operators during curtailment and grid faults

# Earlier: wind turbine technician (2014 - 2020)
# Wind Turbine Technician, Arctic Wind Service, northern Finland and Sweden
- Climbed and serviced 3-4MW turbines in sub-zero conditions; scheduled servicing and troubleshooting
- Electrical fault-finding on converters, generators, pitch and yaw drives; read schematics and used SCADA alarm history
- Hydraulic system maintenance: pitch accumulators, pumps, leak repairs
- Gearbox and main bearing inspection, oil changes, torque and tension bolt campaigns
- Blade and ice-detection system checks; de-icing system repairs
- Safe isolation and LOTO before electrical work; GWO BST, BTT, Advanced Rescue
- Lead technician for a team of four from 2018

# Education
- BEng Electrical Power Engineering, Oulu University of Applied Sciences, 2020 - 2023 (thesis: grid-fault ride-through of Type 4 wind turbines)
- Vocational electrician qualification, 2013

# Skills
Turbine maintenance, electrical fault-finding, hydraulics, GWO, SCADA, switching, fault restoration, Finnish, Swedish, English
"""

CVS["Oliver_Pritchard_CV"] = """Oliver Pritchard
Norwich | oliver.pritchard@mail.example | 07700 900119

PROFILE
Graduate Control Engineer finishing the second year of a network operator's graduate scheme, now working a control room shift. I want a permanent Grid Control Engineer role.

EXPERIENCE
Graduate Control Engineer, Anglia Electricity Networks, Sep 2024 - present
- Operating the 33kV and 11kV network on shift under supervision, using the ADMS and SCADA
- Preparing and checking switching schedules for planned outages; working towards Authorised Person and SAP
- Fault management on 11kV: locating faults from protection operations and restoring supply by remote switching
- Supporting voltage and constraint management with a large amount of solar and battery connections
- Six-month rotation in the protection team: relay settings, post-fault analysis
- Storm duty during Storm Darragh (Dec 2024)

Summer Intern, National Grid ESO, 2023 - modelling of demand and generation, load flow studies in PowerFactory

EDUCATION
MEng Electrical and Electronic Engineering, University of Bath, 2024 - First class
Thesis: flexibility services for LV network congestion

SKILLS
SCADA/ADMS, switching, Distribution Safety Rules, protection, load flow (PowerFactory, Python), fault restoration
"""

CVS["Dimitra_Papadopoulou_CV"] = """Dimitra Papadopoulou
Athens, Greece | dimitra.papadopoulou@mail.example | +30 21 0555 0147

Summary
Electrical engineer, 18 years in the center that runs the electricity network of Attica region. I am one of the most experienced people in the room and I train the new colleagues. I look for similar work in UK or Ireland.

Experience
Regional electricity network operator, Athens, 2007 - now
- I watch in real time the big and medium power lines and the stations of the region, on the screens, day and night, in shifts.
- When there is a damage in a line (storm, fire, excavator cut a cable) I find which part, I cut it off by opening the breakers from distance and I give back the power to the customers from other lines. Later I send the crew to repair.
- I prepare and approve the step-by-step plans for turning lines off and on for planned works, so the crews work safe, and I give them permission step by step by telephone.
- I control that no line is overloaded and the power is in the correct level, also with all the new solar parks in the region, which sometimes give too much in the noon.
- I work together with the national operator for the big lines.
- In the wildfires of 2021 and 2023 I was leading the night shift in the room, we decided together with fire service which lines to switch off.
- I check after every trip why the safety devices acted.
- Since 2016 I train all new engineers of the room.

Education
Diploma Electrical and Computer Engineering, National Technical University of Athens (NTUA), 2006

Languages
Greek, English (C1), French (B1)
"""

CVS["Kenji_Nakamura_CV"] = """Kenji Nakamura
Bristol | kenji.nakamura@mail.example | 07700 900128

# Objective
Junior Grid Control Engineer (trainee) at a distribution network operator since October 2025. Aim: become a fully authorised Grid Control Engineer and later work on integrating low-carbon technologies into real-time network operation.

# Current role
# Trainee Grid Control Engineer, Severnside Power Networks, Oct 2025 - present
- Shadowing control engineers on shift; operating parts of the 11kV network under supervision
- Preparing simple switching schedules and logs

# Earlier experience
# Domestic Energy Assessor (part-time, while studying), Avon Home Energy, 2021 - 2025
- Completed about 900 EPC surveys using RdSAP (Elmhurst accredited) for sales, rentals and grant schemes
- Surveyed insulation, construction, glazing, heating and hot water systems and ventilation; took photo evidence for QA audits
- Assisted a Retrofit Assessor on PAS 2035 condition and occupancy assessments
- Recommended measures: loft and cavity insulation, heating controls, air source heat pumps, solar PV
- Identified damp and condensation risks; explained EPC ratings to homeowners and landlords

# Education
- BEng Electrical and Electronic Engineering, University of the West of England, 2025 (2:1); dissertation on heat pump uptake and LV network loading
- Level 3 Diploma in Domestic Energy Assessment, 2021

# Skills
RdSAP, EPC, building fabric, heat pumps, customer communication, MATLAB, Python, basic power systems analysis, switching (trainee)
"""
